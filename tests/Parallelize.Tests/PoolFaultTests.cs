using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>Workers that die, hang or run out of memory, with real processes: the pool loses one call, never itself.</summary>
public sealed class PoolFaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("kill")]
    [InlineData("failfast")]
    [InlineData("overflow")]
    public async Task A_worker_dying_mid_call_fails_exactly_that_call_and_the_rest_of_the_map_completes(string how)
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        await pool.StartAsync().WaitAsync(Limit);
        int[] before = [.. pool.WorkerProcessIds];

        MapFailedException error = await Assert.ThrowsAsync<MapFailedException>(
            () => pool.MapAsync(Enumerable.Range(0, 2000), i => PoolMethods.Calls.DieAt(i, 777, how)).WaitAsync(Limit));

        MapItemFailure failure = Assert.Single(error.Failures);
        Assert.Equal(777, failure.Index);
        WorkerCrashedException crash = Assert.IsType<WorkerCrashedException>(failure.Error);
        Assert.Contains(crash.Pid, before);
        Assert.Contains("'Parallelize.Tests.Methods.PoolMethods.DieAt'", crash.Message);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => i == 777 ? 0 : i), (int[])error.Results);

        // A replacement took the dead worker's place, and the pool still works.
        Assert.Equal(4, await pool.RunAsync(PoolMethods.Calls.Twice(2)).WaitAsync(Limit));
        Assert.DoesNotContain(crash.Pid, pool.WorkerProcessIds);
        await PoolAssert.AllGoneAsync([crash.Pid]);
    }

    [Fact]
    public async Task A_crashed_call_is_run_again_when_the_caller_opted_in()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"parallelize-retry-{Guid.NewGuid():N}");
        try
        {
            await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, RetriesAfterCrash = 1 });

            // Dies the first time (no marker yet), succeeds the second.
            int result = await pool.RunAsync(PoolMethods.Calls.DieOnce(marker)).WaitAsync(Limit);

            Assert.Equal(2, result);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task Twenty_kills_during_a_ten_thousand_item_map_lose_and_duplicate_nothing()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2, RetriesAfterCrash = 5 });
        await pool.StartAsync().WaitAsync(Limit);
        int[] items = [.. Enumerable.Range(0, 10_000)];
        var killed = new HashSet<int>();

        Task<int[]> map = pool.MapAsync(items, i => PoolMethods.Calls.SlowIdentity(i, 1000), new MapOptions { ChunkSize = 16 });
        var random = new Random(1234);
        var firstSeen = new Dictionary<int, DateTime>();
        while (killed.Count < 20)
        {
            Assert.False(map.IsCompleted, $"the map ended after only {killed.Count} kills: {map.Exception?.InnerException?.Message ?? "too fast"}");
            await Task.Delay(random.Next(20, 60));

            // Only workers that have been running calls for a while: one killed while it starts is a start failure.
            foreach (int pid in pool.WorkerProcessIds)
            {
                firstSeen.TryAdd(pid, DateTime.UtcNow);
            }

            int[] working = [.. pool.WorkerProcessIds.Where(pid =>
                ProcessProbe.IsRunning(pid) && DateTime.UtcNow - firstSeen[pid] > TimeSpan.FromMilliseconds(200))];
            if (working.Length > 0)
            {
                int victim = working[random.Next(working.Length)];
                System.Diagnostics.Process.GetProcessById(victim).Kill();
                killed.Add(victim);
            }
        }

        int[] results = await map.WaitAsync(Limit);

        Assert.Equal(items, results);
        await PoolAssert.AllGoneAsync(killed);
    }

    [Fact]
    public async Task A_call_past_its_timeout_gets_TimeoutException_and_its_worker_is_replaced()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, CallTimeout = TimeSpan.FromMilliseconds(300) });
        int first = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);

        Task<int> hanging = pool.RunAsync(ChildMethods.Calls.Sleep(30_000));
        Task<long> queued = pool.RunAsync(PoolMethods.Calls.Twice(21));

        TimeoutException timeout = await Assert.ThrowsAsync<TimeoutException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("ChildMethods.Sleep", timeout.Message);
        Assert.Equal(42, await queued.WaitAsync(Limit));
        int second = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);
        Assert.NotEqual(first, second);
        await PoolAssert.AllGoneAsync([first]);
    }

    [Fact]
    public async Task A_call_over_the_memory_limit_is_reported_as_such_and_its_worker_replaced()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, MemoryLimitBytes = 64L * 1024 * 1024 });

        WorkerMemoryLimitException error = await Assert.ThrowsAsync<WorkerMemoryLimitException>(
            () => pool.RunAsync(PoolMethods.Calls.Hold(256)).WaitAsync(Limit));

        Assert.Equal(64L * 1024 * 1024, error.LimitBytes);
        Assert.Contains("64 MiB", error.Message);
        Assert.Equal(10, await pool.RunAsync(PoolMethods.Calls.Hold(10)).WaitAsync(Limit));
    }

    [Fact]
    public async Task The_initializer_runs_once_in_each_new_worker_before_its_calls()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions
        {
            WorkerCount = 2,
            Initializer = PoolMethods.Calls.Initialize(42),
            MaxTasksPerWorker = 5,
        });

        int[] values = await pool.MapAsync(Enumerable.Range(0, 40), _ => PoolMethods.Calls.Initialized(), new MapOptions { ChunkSize = 1 }).WaitAsync(Limit);

        Assert.All(values, v => Assert.Equal(42, v));
    }

    [Fact]
    public async Task A_failing_initializer_stops_the_pool_with_the_reason()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, Initializer = PoolMethods.Calls.FailToInitialize() });

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit));

        Assert.Contains("initializer 'Parallelize.Tests.Methods.PoolMethods.FailToInitialize' failed", error.Message);
        RemoteException remote = Assert.IsType<RemoteException>(error.InnerException);
        Assert.Contains("no licence", remote.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit));
    }

    [Fact]
    public async Task MaxTasksPerWorker_replaces_workers_and_the_old_ones_exit()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, MaxTasksPerWorker = 3 });

        var pids = new List<int>();
        for (int i = 0; i < 9; i++)
        {
            pids.Add(await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit));
        }

        Assert.Equal(3, pids.Distinct().Count());
        Assert.All(pids.Chunk(3), chunk => Assert.Single(chunk.Distinct()));
        await PoolAssert.AllGoneAsync(pids.Distinct().Take(2));
    }
}
