using System.Diagnostics;

namespace ThreadsVsProcesses;

/// <summary>One timed way of running a workload, with the result it computed so the ways can be checked against each other.</summary>
internal sealed record Measurement(string Workload, string Way, TimeSpan Elapsed, long Result)
{
    public static async Task<Measurement> TimeAsync(string workload, string way, Func<Task<long>> run)
    {
        long started = Stopwatch.GetTimestamp();
        long result = await run();
        return new Measurement(workload, way, Stopwatch.GetElapsedTime(started), result);
    }
}
