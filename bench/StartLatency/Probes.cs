using System.Diagnostics;
using Parallelize;

namespace StartLatency;

/// <summary>
/// What is timed, each from start to the process's exit, in milliseconds (the NativeAOT floor: <see cref="RawSpawn"/>).
/// </summary>
internal static class Probes
{
    /// <summary>A dedicated child runs a trivial call: start, the answer back, the child exited (JoinAsync waits for it).</summary>
    public static async Task<double> ChildAsync()
    {
        long start = Stopwatch.GetTimestamp();
        await using ChildProcess<int> child = ChildProcess.Start(Trivial.Calls.Answer());
        if (await child.JoinAsync() != 42)
        {
            throw new InvalidOperationException("wrong answer");
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>An app that does nothing, started with <see cref="Process"/> and waited for: the JIT floor.</summary>
    public static double Bare(string fileName, params string[] arguments)
    {
        long start = Stopwatch.GetTimestamp();
        using Process bare = Process.Start(new ProcessStartInfo(fileName, arguments) { UseShellExecute = false })!;
        bare.WaitForExit();
        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return bare.ExitCode == 0 ? elapsed : throw new InvalidOperationException($"{fileName} exited with {bare.ExitCode}");
    }
}
