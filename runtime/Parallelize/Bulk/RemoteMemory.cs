using System.Runtime.InteropServices;
using Parallelize.Native;

namespace Parallelize.Bulk;

/// <summary>
/// Copies a block straight out of the other process's memory with process_vm_readv: one copy where shared memory takes
/// two (into the segment, then out of it). The kernel allows it where ptrace would be allowed: the same user, and under
/// Yama's ptrace_scope 1 only from an ancestor; <see cref="CanRead"/> tells before any block depends on it.
/// </summary>
internal static unsafe class RemoteMemory
{
    private static long s_bytesRead;

    /// <summary>The bytes this process has read from others' memory, for tests and diagnostics.</summary>
    public static long BytesRead => Interlocked.Read(ref s_bytesRead);

    /// <summary>True when this process may read the 8 bytes at <paramref name="address"/> in process
    /// <paramref name="pid"/> and finds <paramref name="expected"/> there.</summary>
    public static bool CanRead(int pid, nint address, ulong expected)
    {
        if (!OperatingSystem.IsLinux() || address == 0)
        {
            return false;
        }

        ulong found = 0;
        var local = new Libc.IoVector { Base = (nint)(&found), Length = sizeof(ulong) };
        var remote = new Libc.IoVector { Base = address, Length = sizeof(ulong) };
        return Libc.process_vm_readv(pid, &local, 1, &remote, 1, 0) == sizeof(ulong) && found == expected;
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="address"/> in process <paramref name="pid"/>,
    /// on several threads for a large block, populating the destination's pages first (see <see cref="BulkCopy"/>).</summary>
    /// <exception cref="ProtocolException">The range is not readable there; or the process has exited, and then the inner
    /// exception is a <see cref="LenderGoneException"/>.</exception>
    public static void Read(int pid, nint address, Span<byte> destination)
    {
        fixed (byte* to = destination)
        {
            nint toAddress = (nint)to;
            if (!BulkCopy.IsParallel(destination.Length))
            {
                ReadPart(pid, address, toAddress, destination.Length);
            }
            else
            {
                try
                {
                    BulkCopy.InParts(destination.Length, (start, bytes) =>
                        ReadPart(pid, address + (nint)start, toAddress + (nint)start, bytes));
                }
                catch (AggregateException e) when (e.InnerException is ProtocolException inner)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
                }
            }
        }

        Interlocked.Add(ref s_bytesRead, destination.Length);
    }

    private static void ReadPart(int pid, nint from, nint to, long bytes)
    {
        BulkCopy.Populate(to, bytes);
        long done = 0;
        while (done < bytes)
        {
            var local = new Libc.IoVector { Base = to + (nint)done, Length = (nuint)(bytes - done) };
            var remote = new Libc.IoVector { Base = from + (nint)done, Length = (nuint)(bytes - done) };
            nint read = Libc.process_vm_readv(pid, &local, 1, &remote, 1, 0);
            if (read <= 0)
            {
                int error = read < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (error == Libc.EINTR)
                {
                    continue;
                }

                if (error == Libc.ESRCH || !ProcessLiveness.IsAlive(pid))
                {
                    var gone = new LenderGoneException(pid);
                    throw new ProtocolException(gone.Message, gone);
                }

                throw new ProtocolException(
                    $"Cannot read {bytes - done} bytes at 0x{from + (nint)done:X} in process {pid} (errno {error}): no block " +
                    "it lent is there.");
            }

            done += read;
        }
    }
}
