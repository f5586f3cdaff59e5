using System.Runtime.InteropServices;

namespace Parallelize.Native;

/// <summary>The write loop of the pipe ends this runtime writes with plain system calls.</summary>
internal static unsafe class DescriptorWrites
{
    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="fd"/> until all are written or, on a non-blocking descriptor,
    /// the pipe is full; returns how many were written. Retries an interrupted write.
    /// </summary>
    /// <param name="fd">An open pipe end.</param>
    /// <param name="bytes">What to write.</param>
    /// <param name="what">The descriptor, for the message of a failure: "the worker's channel".</param>
    /// <exception cref="IOException">The write failed, for example because the reader is gone.</exception>
    public static int WriteUntilFull(int fd, ReadOnlySpan<byte> bytes, string what)
    {
        fixed (byte* start = bytes)
        {
            int written = 0;
            while (written < bytes.Length)
            {
                nint count = Libc.write(fd, start + written, bytes.Length - written);
                if (count >= 0)
                {
                    written += (int)count;
                    continue;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EAGAIN)
                {
                    break;
                }

                if (errno != Libc.EINTR)
                {
                    throw new IOException($"write on {what} failed with errno {errno}.");
                }
            }

            return written;
        }
    }
}
