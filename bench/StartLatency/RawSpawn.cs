using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StartLatency;

/// <summary>
/// An app started with posix_spawn and reaped with waitpid, as Parallelize starts its children: the NativeAOT floor is
/// then the runtime's own start and nothing of ours. (<see cref="Process"/>.Start measured the same here, within 0.1 ms.)
/// </summary>
internal static unsafe partial class RawSpawn
{
    public static double Run(string path)
    {
        byte[] file = [.. System.Text.Encoding.UTF8.GetBytes(path), 0];
        long start = Stopwatch.GetTimestamp();
        int pid, status;
        fixed (byte* p = file)
        {
            byte** argv = stackalloc byte*[2];
            argv[0] = p;
            argv[1] = null;
            int error = posix_spawn(&pid, p, null, null, argv, Environ);
            if (error != 0)
            {
                throw new InvalidOperationException($"posix_spawn {path} failed: {error}");
            }
        }

        while (waitpid(pid, &status, 0) == -1 && Marshal.GetLastPInvokeError() == 4)
        {
            // EINTR
        }

        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return status == 0 ? elapsed : throw new InvalidOperationException($"{path} ended with wait status {status}");
    }

    // glibc's environ, the process's environment as C strings.
    private static byte** Environ => *(byte***)NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), "environ");

    [LibraryImport("libc")]
    private static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int waitpid(int pid, int* status, int options);
}
