using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Parallelize.Native;

/// <summary>
/// The parent's write end of a worker's request pipe, in non-blocking mode. The threads that send batches (a caller
/// under the pool's lock, a reader thread settling answers) must never wait for a worker: they write what the pipe
/// takes at once with <see cref="WriteAvailable"/>, and only the rest, if any, goes to a thread that may wait, through
/// <see cref="WriteAll"/>. A blocking descriptor would have to send every batch larger than the pipe off-thread, waking
/// a thread-pool thread per batch for what is, nearly always, room the pipe has.
/// </summary>
/// <remarks>
/// The pipe keeps its default capacity (64 KiB): asking for 256 KiB made no difference to a map's throughput, and
/// Linux charges a pipe's capacity, used or not, against the user's pipe-user-pages-soft limit, past which every new
/// pipe of that user gets the smallest size.
/// <para>The descriptor lives in a <see cref="SafeFileHandle"/> so that a write racing <see cref="Dispose"/> fails with
/// <see cref="ObjectDisposedException"/> instead of writing to whatever file reuses the number. Only this process's
/// open file description is non-blocking: the worker's read end is a description of its own.</para>
/// </remarks>
internal sealed unsafe class NonBlockingPipeWriter : IDisposable
{
    private const string What = "a worker's request pipe";

    private readonly SafeFileHandle _handle;

    /// <param name="fd">An open write end of a pipe; the writer owns it from here on, also when this throws.</param>
    /// <exception cref="IOException">The descriptor could not be made non-blocking.</exception>
    public NonBlockingPipeWriter(int fd)
    {
        _handle = new SafeFileHandle(fd, ownsHandle: true);
        int flags = Libc.fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0 || Libc.fcntl(fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            _handle.Dispose();
            throw new IOException($"fcntl(F_SETFL, O_NONBLOCK) on a worker's request pipe failed with errno {errno}.");
        }
    }

    /// <summary>Writes as much of <paramref name="bytes"/> as the pipe takes without waiting; returns how much.</summary>
    /// <exception cref="IOException">The write failed, for example because the worker is gone.</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    public int WriteAvailable(ReadOnlySpan<byte> bytes)
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            return DescriptorWrites.WriteUntilFull((int)_handle.DangerousGetHandle(), bytes, What);
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/>, waiting for the worker to make room as often as needed.</summary>
    /// <exception cref="IOException">The write failed, for example because the worker is gone.</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    public void WriteAll(ReadOnlySpan<byte> bytes)
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            int fd = (int)_handle.DangerousGetHandle();
            int written = DescriptorWrites.WriteUntilFull(fd, bytes, What);
            while (written < bytes.Length)
            {
                WaitForRoom(fd);
                written += DescriptorWrites.WriteUntilFull(fd, bytes[written..], What);
            }
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// Waits until the pipe has room, or until it never will: when the worker's end closes, poll reports an error and
    /// the next write fails with EPIPE, so a dead worker cannot hold this thread.
    /// </summary>
    private static void WaitForRoom(int fd)
    {
        var entry = new Libc.PollDescriptor { Fd = fd, Events = Libc.POLLOUT };
        while (Libc.poll(&entry, 1, -1) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EINTR)
            {
                throw new IOException($"poll on a worker's request pipe failed with errno {errno}.");
            }
        }
    }
}
