using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>The pool's calls with real worker processes: results, order, chunking, streaming, progress, warmth.</summary>
public sealed class PoolCallTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunAsync_returns_the_result_from_a_warm_worker_that_serves_call_after_call()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        int first = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);
        int second = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);

        Assert.NotEqual(Environment.ProcessId, first);
        Assert.Equal(first, second);
        Assert.Equal([first], pool.WorkerProcessIds);
        Assert.Equal(84, await pool.RunAsync(PoolMethods.Calls.Twice(42)).WaitAsync(Limit));
    }

    [Fact]
    public async Task Many_concurrent_calls_all_complete_with_their_own_results()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });

        long[] results = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => pool.RunAsync(PoolMethods.Calls.Twice(i)))).WaitAsync(Limit);

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => 2L * i), results);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(7)]
    public async Task MapAsync_returns_results_in_input_order_for_any_chunk_size(int? chunkSize)
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        int[] items = [.. Enumerable.Range(0, 10_000)];

        long[] results = await pool.MapAsync(items, i => PoolMethods.Calls.Twice(i), new MapOptions { ChunkSize = chunkSize }).WaitAsync(Limit);

        Assert.Equal(items.Select(i => 2L * i), results);
    }

    [Fact]
    public async Task MapAsync_spreads_items_over_all_workers()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        await pool.StartAsync().WaitAsync(Limit);

        int[] pids = await pool.MapAsync(Enumerable.Range(0, 40), i => PoolMethods.Calls.SlowIdentityPid(20_000)).WaitAsync(Limit);

        Assert.Equal(2, pids.Distinct().Count());
        Assert.Equal(pool.WorkerProcessIds.Order(), pids.Distinct().Order());
    }

    [Fact]
    public async Task An_empty_map_completes_at_once_without_starting_workers()
    {
        await using var pool = new ProcessPool();

        Assert.Empty(await pool.MapAsync(Array.Empty<int>(), i => PoolMethods.Calls.Twice(i)).WaitAsync(Limit));
        Assert.Empty(pool.WorkerProcessIds);
    }

    [Fact]
    public async Task MapStreamAsync_yields_every_result_in_input_order()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });

        var seen = new List<long>();
        await foreach (long result in pool.MapStreamAsync(Enumerable.Range(0, 3000), i => PoolMethods.Calls.Twice(i), new MapOptions { ChunkSize = 10 }))
        {
            seen.Add(result);
        }

        Assert.Equal(Enumerable.Range(0, 3000).Select(i => 2L * i), seen);
    }

    [Fact]
    public async Task MapUnorderedAsync_yields_in_completion_order()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        await pool.StartAsync().WaitAsync(Limit);

        // Item 0 is slow; with chunks of one, the fast items finish first on the other worker (only the item queued
        // behind item 0 on its worker waits for it).
        var seen = new List<int>();
        await foreach (int item in pool.MapUnorderedAsync(Enumerable.Range(0, 20), i => PoolMethods.Calls.SlowIdentity(i, i == 0 ? 1_000_000 : 1000), new MapOptions { ChunkSize = 1 }))
        {
            seen.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, 20), seen.Order());
        Assert.True(seen.IndexOf(0) >= seen.Count - 2, $"item 0 came at {seen.IndexOf(0)}: {string.Join(",", seen)}");
    }

    [Fact]
    public async Task Leaving_a_stream_early_drops_the_items_not_yet_run()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        await foreach (int item in pool.MapStreamAsync(Enumerable.Range(0, 1000), i => PoolMethods.Calls.SlowIdentity(i, 5000), new MapOptions { ChunkSize = 1 }))
        {
            break;
        }

        // 1000 items of 5 ms would take 5 s; the pool is free again long before that.
        int pid = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(TimeSpan.FromSeconds(3));
        Assert.True(pid > 0);
    }

    [Fact]
    public async Task Progress_reaches_the_total()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        var reports = new List<MapProgress>();
        var progress = new SynchronousProgress(reports);

        await pool.MapAsync(Enumerable.Range(0, 5000), i => PoolMethods.Calls.Twice(i), new MapOptions { ChunkSize = 100, Progress = progress }).WaitAsync(Limit);

        lock (reports)
        {
            Assert.NotEmpty(reports);
            Assert.Contains(new MapProgress(5000, 5000), reports);
            Assert.All(reports, r => Assert.Equal(5000, r.Total));
        }
    }

    [Fact]
    public async Task A_failing_item_fails_alone_and_the_map_reports_it_with_every_other_result()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });

        MapFailedException error = await Assert.ThrowsAsync<MapFailedException>(
            () => pool.MapAsync(Enumerable.Range(0, 500), i => PoolMethods.Calls.DieAt(i, 123, "throw")).WaitAsync(Limit));

        MapItemFailure failure = Assert.Single(error.Failures);
        Assert.Equal(123, failure.Index);
        RemoteException remote = Assert.IsType<RemoteException>(failure.Error);
        Assert.Equal("System.InvalidOperationException", remote.RemoteType);
        var results = (int[])error.Results;
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i == 123 ? 0 : i), results);
    }

    [Fact]
    public async Task Workers_get_the_environment_and_working_directory_of_the_options()
    {
        string directory = Directory.CreateTempSubdirectory("parallelize-pool-").FullName;
        try
        {
            await using var pool = new ProcessPool(new ProcessPoolOptions
            {
                WorkerCount = 1,
                EnvironmentVariables = new Dictionary<string, string?> { ["PARALLELIZE_TEST_POOL"] = "pool value" },
                WorkingDirectory = directory,
            });

            Assert.Equal("pool value", await pool.RunAsync(ChildMethods.Calls.ReadEnvironment("PARALLELIZE_TEST_POOL")).WaitAsync(Limit));
            Assert.Equal(directory, await pool.RunAsync(ChildMethods.Calls.WorkingDirectory()).WaitAsync(Limit));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData("0", "0")]
    [InlineData("", null)]
    public async Task Workers_keep_freed_memory_for_their_next_calls_unless_the_caller_chose(string? chosen, string? seen)
    {
        // "" stands for a null value in the options: the caller removes the variable.
        var environment = new Dictionary<string, string?>();
        if (chosen is not null)
        {
            environment["DOTNET_GCRetainVM"] = chosen.Length == 0 ? null : chosen;
        }

        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, EnvironmentVariables = environment });

        Assert.Equal(seen, await pool.RunAsync(ChildMethods.Calls.ReadEnvironment("DOTNET_GCRetainVM")).WaitAsync(Limit));
    }

    [Fact]
    public async Task The_InProcess_shortcut_runs_on_the_shared_pool()
    {
        int pid = await PoolMethods.InProcess.Pid().WaitAsync(Limit);

        Assert.Contains(pid, ProcessPool.Shared.WorkerProcessIds);
        Assert.Same(ProcessPool.Shared, CallExecutor.Default);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await ProcessPool.Shared.DisposeAsync());
        Assert.Throws<InvalidOperationException>(() => ProcessPool.Shared.Terminate());
    }

    /// <summary>Records reports on the reporting thread: Progress&lt;T&gt; would post them after the map completes.</summary>
    private sealed class SynchronousProgress(List<MapProgress> reports) : IProgress<MapProgress>
    {
        public void Report(MapProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
