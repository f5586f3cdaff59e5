using Parallelize;

namespace PoolBench;

/// <summary>The work the benchmarks send to workers; the same as the Python scripts in bench/python.</summary>
public static partial class Work
{
    [RunInProcess]
    public static long Square(int x) => (long)x * x;

    [RunInProcess]
    public static int Nothing() => 0;

    /// <summary>Counts primes in [lo, hi) by trial division by 2 and odd numbers, exactly as bench/python/cpu_speedup.py.</summary>
    [RunInProcess]
    public static int CountPrimes(int lo, int hi)
    {
        int count = 0;
        for (int n = Math.Max(lo, 2); n < hi; n++)
        {
            if (n % 2 == 0)
            {
                if (n == 2)
                {
                    count++;
                }

                continue;
            }

            bool prime = true;
            for (long d = 3; d * d <= n; d += 2)
            {
                if (n % d == 0)
                {
                    prime = false;
                    break;
                }
            }

            if (prime)
            {
                count++;
            }
        }

        return count;
    }
}
