namespace PoolBench;

/// <summary>
/// The two ways the CPU benchmark cuts [0, limit) into 8 ranges, computed exactly as bench/python/cpu_speedup.py does.
/// </summary>
internal static class PrimeChunks
{
    public const int Count = 8;

    /// <summary>Equal width, the Python anchor's split: later ranges cost more (trial division grows with n).</summary>
    public static (int Lo, int Hi)[] EqualWidth(int limit)
    {
        int step = limit / Count;
        return [.. Enumerable.Range(0, Count).Select(i => (i * step, i == Count - 1 ? limit : (i + 1) * step))];
    }

    /// <summary>
    /// Equal work: counting primes below x by trial division costs about x^1.5 / ln x (each prime p costs sqrt(p) / 2
    /// divisions and there are about x / ln x of them), so boundary i is where that cost reaches i/8 of the whole.
    /// </summary>
    public static (int Lo, int Hi)[] EqualWork(int limit)
    {
        int[] bounds = new int[Count + 1];
        bounds[Count] = limit;
        for (int i = 1; i < Count; i++)
        {
            bounds[i] = (int)Math.Round(CostInverse((double)i / Count * Cost(limit), limit));
        }

        return [.. Enumerable.Range(0, Count).Select(i => (bounds[i], bounds[i + 1]))];
    }

    private static double Cost(double x) => x * Math.Sqrt(x) / Math.Log(x);

    // Bisection, 100 halvings of [2, limit], the same steps as the Python script so both sides get the same bounds.
    private static double CostInverse(double cost, double limit)
    {
        double lo = 2.0, hi = limit;
        for (int step = 0; step < 100; step++)
        {
            double mid = (lo + hi) / 2;
            if (Cost(mid) < cost)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
