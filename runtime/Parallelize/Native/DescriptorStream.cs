namespace Parallelize.Native;

/// <summary>
/// One end of a pipe, read or written with the plain system calls. A worker's channel uses it instead of
/// <see cref="FileStream"/>, whose set-up (a SafeFileHandle, an fstat, a strategy) and first write cost a fresh process
/// about 1 ms before its hello, for a descriptor that is only ever read or written whole.
/// </summary>
internal sealed unsafe class DescriptorStream : Stream
{
    private readonly int _fd;
    private readonly bool _canRead;

    /// <param name="fd">An open pipe end, owned by the caller for the life of the process.</param>
    /// <param name="canRead">True for the read end, false for the write end.</param>
    public DescriptorStream(int fd, bool canRead)
    {
        _fd = fd;
        _canRead = canRead;
    }

    public override bool CanRead => _canRead;

    public override bool CanWrite => !_canRead;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads what the pipe holds, at most <paramref name="buffer"/>'s length; 0 at end of stream.</summary>
    /// <exception cref="IOException">The read failed.</exception>
    public override int Read(Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            while (true)
            {
                nint read = Libc.read(_fd, bytes, buffer.Length);
                if (read >= 0)
                {
                    return (int)read;
                }

                ThrowUnlessInterrupted("read");
            }
        }
    }

    /// <summary>Writes all of <paramref name="buffer"/>, in as many system calls as the pipe needs.</summary>
    /// <exception cref="IOException">The write failed, for example because the reader is gone.</exception>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // A blocking descriptor: the loop ends only when everything is written.
        DescriptorWrites.WriteUntilFull(_fd, buffer, "the worker's channel");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private static void ThrowUnlessInterrupted(string call)
    {
        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        if (errno != Libc.EINTR)
        {
            throw new IOException($"{call} on the worker's channel failed with errno {errno}.");
        }
    }
}
