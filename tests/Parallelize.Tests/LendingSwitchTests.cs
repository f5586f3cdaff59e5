using Parallelize.Bulk;
using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>The AppContext switch that sends every block through shared memory, for the workers started after it.</summary>
[Collection(nameof(RunsAlone))]
public sealed class LendingSwitchTests
{
    private const string Switch = "Parallelize.Bulk.NoDirectCopy";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_the_switch_set_nothing_is_lent_either_way_and_all_arrives()
    {
        double[] values = BulkMethods.Pattern(2 * BulkSender.LendThresholdBytes / sizeof(double), seed: 11);
        AppContext.SetSwitch(Switch, true);
        try
        {
            await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
            long parentRead = RemoteMemory.BytesRead;
            long parentLent = BulkSender.LentTotal;

            Assert.Equal(values, await pool.RunAsync(BulkMethods.Calls.Echo(values)).WaitAsync(Limit));
            long[] worker = await pool.RunAsync(BulkMethods.Calls.LendingSoFar()).WaitAsync(Limit);

            Assert.Equal([0L, 0L], worker);
            Assert.Equal(parentRead, RemoteMemory.BytesRead);
            Assert.Equal(parentLent, BulkSender.LentTotal);
        }
        finally
        {
            AppContext.SetSwitch(Switch, false);
        }
    }
}
