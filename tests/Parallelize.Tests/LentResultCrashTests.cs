using Parallelize.Bulk;
using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// A worker killed after it answered with a lent result and before the parent read it: the result is gone with the
/// worker, so the call fails as a crash (or is retried), never as a protocol error. Alone, since the hook that kills it
/// at that moment is process-wide.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class LentResultCrashTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly double[] Values = BulkMethods.Pattern(2 * BulkSender.LendThresholdBytes / sizeof(double), seed: 13);

    [Fact]
    public async Task The_call_fails_with_WorkerCrashedException_and_the_pool_goes_on()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        int victim = await WarmWorker(pool);
        if (!PtraceScope.ChildMayReadParent())
        {
            return;
        }

        BulkReceiver.BeforeLentCopy = KillOnce(victim);
        try
        {
            WorkerCrashedException crash = await Assert.ThrowsAsync<WorkerCrashedException>(
                () => pool.RunAsync(BulkMethods.Calls.Echo(Values)).WaitAsync(Limit));

            Assert.Equal(victim, crash.Pid);
            Assert.Equal(9, crash.Signal);
        }
        finally
        {
            BulkReceiver.BeforeLentCopy = null;
        }

        Assert.Equal(Values, await pool.RunAsync(BulkMethods.Calls.Echo(Values)).WaitAsync(Limit));
        Assert.DoesNotContain(victim, pool.WorkerProcessIds);
    }

    [Fact]
    public async Task A_call_that_may_be_retried_runs_again_and_returns()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, RetriesAfterCrash = 1 });
        int victim = await WarmWorker(pool);
        if (!PtraceScope.ChildMayReadParent())
        {
            return;
        }

        BulkReceiver.BeforeLentCopy = KillOnce(victim);
        try
        {
            Assert.Equal(Values, await pool.RunAsync(BulkMethods.Calls.Echo(Values)).WaitAsync(Limit));
        }
        finally
        {
            BulkReceiver.BeforeLentCopy = null;
        }

        Assert.DoesNotContain(victim, pool.WorkerProcessIds);
    }

    /// <summary>Starts the pool's worker and returns its pid.</summary>
    private static async Task<int> WarmWorker(ProcessPool pool)
    {
        await pool.RunAsync(BulkMethods.Calls.LendingSoFar()).WaitAsync(Limit);
        return Assert.Single(pool.WorkerProcessIds);
    }

    /// <summary>Kills <paramref name="victim"/> the first time the parent is about to read a block it lent, and waits
    /// until it has exited.</summary>
    private static Action<int> KillOnce(int victim)
    {
        int done = 0;
        return lender =>
        {
            if (lender != victim || Interlocked.Exchange(ref done, 1) == 1)
            {
                return;
            }

            using var process = System.Diagnostics.Process.GetProcessById(victim);
            process.Kill();
            DateTime deadline = DateTime.UtcNow + Limit;
            while (Parallelize.Native.ProcessLiveness.IsAlive(victim) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(1);
            }
        };
    }
}
