using System.Text.RegularExpressions;
using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>Cancellation, disposal and termination, and workers dying with their parent: nothing is left behind.</summary>
public sealed partial class PoolLifecycleTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Cancelling_a_running_call_kills_and_replaces_its_worker()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        int worker = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);
        using var cancel = new CancellationTokenSource();

        Task<int> running = pool.RunAsync(ChildMethods.Calls.Sleep(30_000), cancel.Token);
        await Task.Delay(200);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(2)));
        await PoolAssert.AllGoneAsync([worker]);
        Assert.NotEqual(worker, await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit));
    }

    [Fact]
    public async Task Cancelling_queued_calls_drops_them_and_leaves_the_running_one_alone()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        Task<int> busy = pool.RunAsync(ChildMethods.Calls.Sleep(500));
        using var cancel = new CancellationTokenSource();
        Task<long>[] queued = [.. Enumerable.Range(0, 5).Select(i => pool.RunAsync(PoolMethods.Calls.Twice(i), cancel.Token))];

        cancel.Cancel();

        foreach (Task<long> call in queued)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(1)));
        }

        Assert.Equal(500, await busy.WaitAsync(Limit));
    }

    [Fact]
    public async Task A_method_that_takes_a_token_is_cancelled_cooperatively_in_the_child_and_keeps_its_worker()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"parallelize-cancel-{Guid.NewGuid():N}");
        try
        {
            await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
            int worker = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);
            using var cancel = new CancellationTokenSource();

            Task<int> waiting = pool.RunAsync(PoolMethods.Calls.WaitForCancellation(marker), cancel.Token);
            await Task.Delay(300);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(2)));
            for (int i = 0; i < 200 && !File.Exists(marker); i++)
            {
                await Task.Delay(10);
            }

            Assert.Equal(worker.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(marker));
            Assert.Equal(worker, await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task A_method_that_ignores_its_token_is_killed_after_the_grace_period()
    {
        // A grace period long next to the waits below, so that a loaded machine (other tests' children spinning on both
        // cores) cannot move the caller's cancellation past the kill.
        var grace = TimeSpan.FromSeconds(3);
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, CancellationGracePeriod = grace });
        int worker = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);
        using var cancel = new CancellationTokenSource();

        Task<int> stubborn = pool.RunAsync(PoolMethods.Calls.IgnoreCancellation(30_000), cancel.Token);
        await Task.Delay(200);
        var cancelled = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stubborn.WaitAsync(Limit));
        if (cancelled.Elapsed < grace - TimeSpan.FromMilliseconds(500))
        {
            Assert.True(ProcessProbe.IsRunning(worker), "the worker was killed before its grace period ended");
        }

        Assert.True(await ProcessProbe.WaitUntilGoneAsync(worker, grace + TimeSpan.FromSeconds(10)), "the worker outlived its grace period");
        await PoolAssert.AllGoneAsync([worker]);
    }

    [Fact]
    public async Task DisposeAsync_drains_every_queued_call_then_stops_the_workers()
    {
        var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        Task<int>[] calls = [.. Enumerable.Range(0, 6).Select(_ => pool.RunAsync(ChildMethods.Calls.Sleep(100)))];
        await Task.Delay(100);
        int[] workers = [.. pool.WorkerProcessIds];

        await pool.DisposeAsync().AsTask().WaitAsync(Limit);

        Assert.All(calls, call => Assert.Equal(100, call.Result));
        Assert.Equal(2, workers.Length);
        Assert.Empty(pool.WorkerProcessIds);
        await PoolAssert.AllGoneAsync(workers);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pool.RunAsync(PoolMethods.Calls.Pid()));
    }

    [Fact]
    public async Task Terminate_kills_every_worker_now_and_fails_what_was_pending()
    {
        var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2, StartEagerly = true });
        await pool.StartAsync().WaitAsync(Limit);
        int[] workers = [.. pool.WorkerProcessIds];
        Task<int>[] calls = [.. Enumerable.Range(0, 4).Select(_ => pool.RunAsync(ChildMethods.Calls.Sleep(30_000)))];
        await Task.Delay(100);

        pool.Terminate();

        foreach (Task<int> call in calls)
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(TimeSpan.FromSeconds(1)));
        }

        Assert.Empty(pool.WorkerProcessIds);
        await PoolAssert.AllGoneAsync(workers);
    }

    [Fact]
    public async Task Workers_exit_within_a_second_when_the_parent_is_SIGKILLed()
    {
        using var parent = TestAppProcess.Start("pool");
        int[] workers;
        try
        {
            string line = await parent.StandardOutput.ReadLineAsync().WaitAsync(Limit) ?? "";
            workers = [.. WorkerPids().Match(line).Groups[1].Value.Split(',').Select(int.Parse)];
            Assert.Equal(2, workers.Length);
            Assert.All(workers, pid => Assert.True(ProcessProbe.IsRunning(pid)));
        }
        finally
        {
            parent.Kill(); // SIGKILL: the parent gets no chance to clean up.
        }

        await parent.WaitForExitAsync();
        foreach (int worker in workers)
        {
            Assert.True(await ProcessProbe.WaitUntilGoneAsync(worker, TimeSpan.FromSeconds(1)),
                $"worker {worker} still runs a second after its parent was SIGKILLed");
        }
    }

    [GeneratedRegex(@"worker pids: ([\d,]+)")]
    private static partial Regex WorkerPids();
}
