using Parallelize.Hosting;
using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// The watchdog that rescues a reader stuck in a caller's continuation wakes only while one runs: a pool that answers
/// now and then must not have it ticking on a CPU the workers need. Alone, since every pool's answers wake it.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class ReaderWatchdogTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_a_quick_continuation_the_watchdog_sleeps_instead_of_ticking()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        for (int i = 0; i < 5; i++)
        {
            // Each await resumes here on the reader thread (nothing else is due), which wakes the watchdog.
            Assert.Equal(2L * i, await pool.RunAsync(PoolMethods.Calls.Twice(i)).WaitAsync(Limit));
        }

        await Task.Delay(50);
        long before = ReaderWatchdog.Scans;
        await Task.Delay(500);

        // Ticking every 5 ms would scan about 100 times; asleep, it does not scan at all.
        Assert.InRange(ReaderWatchdog.Scans - before, 0, 2);
    }

    [Fact]
    public async Task A_sleeping_watchdog_still_rescues_a_continuation_that_blocks()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        Assert.Equal(2L, await pool.RunAsync(PoolMethods.Calls.Twice(1)).WaitAsync(Limit));
        await Task.Delay(100);
        long before = ReaderWatchdog.Scans;

        string? resumedOn = null;

        // The first call spins for 200 ms, so the continuation is registered before it completes and runs where it does.
        Task<long> chained = pool.RunAsync(PoolMethods.Calls.SlowIdentity(2, 200_000)).ContinueWith(first =>
        {
            resumedOn = Thread.CurrentThread.Name;
            return pool.RunAsync(PoolMethods.Calls.Twice(first.Result)).Result;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        Assert.Equal(4L, await chained.WaitAsync(Limit));
        Assert.True(resumedOn?.StartsWith("Parallelize reader", StringComparison.Ordinal), $"resumed on {resumedOn ?? "an unnamed thread"}");
        Assert.True(ReaderWatchdog.Scans > before, "the watchdog never woke, yet the blocked reader was rescued");
    }
}
