using BenchmarkDotNet.Attributes;
using Parallelize;

namespace PoolBench;

/// <summary>
/// The pool's figures under BenchmarkDotNet (issue 3): its own pilot, warm-up and statistics on the same work that
/// bench/compare.sh times by hand next to Python. One pool of two warm workers serves every benchmark of a run.
/// </summary>
public class PoolBenchmarks
{
    private const int MapItems = 2_000_000;
    private const int OnePerMessageItems = 10_000;

    private readonly int[] _items = [.. Enumerable.Range(0, MapItems)];
    private readonly int[] _onePerMessage = [.. Enumerable.Range(0, OnePerMessageItems)];
    private readonly (int Lo, int Hi)[] _ranges = PrimeChunks.EqualWork(2_000_000);
    private ProcessPool _pool = null!;

    [GlobalSetup]
    public void StartPool()
    {
        _pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2, StartEagerly = true });
        _pool.StartAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void StopPool() => _pool.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A warm call that does nothing, there and back: the round trip.</summary>
    [Benchmark]
    public Task<int> RoundTrip() => _pool.RunAsync(Work.Calls.Nothing());

    /// <summary>x*x over 2,000,000 ints, automatic chunks.</summary>
    [Benchmark]
    public Task<long[]> TinyTaskMap() => _pool.MapAsync(_items, Work.Methods.Square);

    /// <summary>x*x over 10,000 ints, one item per message.</summary>
    [Benchmark]
    public Task<long[]> OnePerMessageMap() => _pool.MapAsync(_onePerMessage, Work.Methods.Square, new MapOptions { ChunkSize = 1 });

    /// <summary>Primes below 2,000,000 in 8 equal-work ranges on the two workers.</summary>
    [Benchmark]
    public Task<int[]> PrimesOnPool() => _pool.MapAsync(_ranges, Work.Methods.CountPrimes);

    /// <summary>The same ranges one after another in this process: the primes' baseline.</summary>
    [Benchmark]
    public int PrimesSerial()
    {
        int count = 0;
        foreach ((int lo, int hi) in _ranges)
        {
            count += Work.CountPrimes(lo, hi);
        }

        return count;
    }
}
