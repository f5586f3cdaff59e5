using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// A worker's reader thread resumes a caller itself when nothing else is due from that worker. These tests give it
/// continuations that block, and show the pool keeps serving: another thread takes over the reading.
/// </summary>
public sealed class PoolResumptionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_continuation_that_blocks_on_another_call_of_the_same_worker_does_not_deadlock()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);
        string? resumedOn = null;

        // The first call spins for 200 ms, so the continuation is registered before it completes and runs where it does.
        Task<long> chained = pool.RunAsync(PoolMethods.Calls.SlowIdentity(2, 200_000)).ContinueWith(first =>
        {
            resumedOn = Thread.CurrentThread.Name;
            // Sync over async on the thread that reads this worker's answers: only a takeover can complete it.
            return pool.RunAsync(PoolMethods.Calls.Twice(first.Result)).Result;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        Assert.Equal(4, await chained.WaitAsync(Limit));
        Assert.True(resumedOn?.StartsWith("Parallelize reader", StringComparison.Ordinal), $"resumed on {resumedOn ?? "an unnamed thread"}");
        Assert.Equal(6, await pool.RunAsync(PoolMethods.Calls.Twice(3)).WaitAsync(Limit));
    }

    [Fact]
    public async Task A_continuation_that_disposes_the_pool_synchronously_completes_and_leaves_no_worker()
    {
        var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        int worker = await pool.RunAsync(PoolMethods.Calls.Pid()).WaitAsync(Limit);

        Task disposed = pool.RunAsync(PoolMethods.Calls.SlowIdentity(1, 200_000)).ContinueWith(
            _ => pool.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        await disposed.WaitAsync(Limit);
        await PoolAssert.AllGoneAsync([worker]);
    }

    [Fact]
    public async Task Sequential_awaits_keep_their_own_results_and_context()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        var flowing = new AsyncLocal<int>();

        for (int i = 0; i < 500; i++)
        {
            flowing.Value = i;
            Assert.Equal(2L * i, await pool.RunAsync(PoolMethods.Calls.Twice(i)).WaitAsync(Limit));
            Assert.Equal(i, flowing.Value);
        }
    }
}
