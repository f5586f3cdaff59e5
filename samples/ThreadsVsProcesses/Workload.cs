using Parallelize;

namespace ThreadsVsProcesses;

/// <summary>
/// The work every way runs: the same methods are called directly (serial, threads, tasks) and through the generated
/// <c>Workload.Calls</c> factories (process pool), so the timings differ only in how the work is spread.
/// </summary>
public static partial class Workload
{
    /// <summary>CPU-bound: counts the primes in [from, to) by trial division, touching no shared state.</summary>
    [RunInProcess]
    public static long CountPrimes(long from, long to)
    {
        long count = 0;
        for (long n = Math.Max(from, 2); n < to; n++)
        {
            bool prime = true;
            for (long d = 2; d * d <= n; d++)
            {
                if (n % d == 0)
                {
                    prime = false;
                    break;
                }
            }

            count += prime ? 1 : 0;
        }

        return count;
    }

    /// <summary>I/O-bound: stands in for a network request that spends its time waiting, not computing.</summary>
    [RunInProcess]
    public static async Task<int> SimulatedRequestAsync(int id, int latencyMs)
    {
        await Task.Delay(latencyMs);
        return id;
    }
}
