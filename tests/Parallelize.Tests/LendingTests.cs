using Parallelize.Bulk;
using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// Arrays from <see cref="BulkSender.LendThresholdBytes"/> on between a pool and its real worker processes: read by the
/// receiver straight from the sender's memory where the system allows it (everywhere but under Yama's ptrace_scope 1 or
/// more), and through shared memory elsewhere.
/// </summary>
public sealed class LendingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private const int LentCount = 3 * BulkSender.LendThresholdBytes / sizeof(double);

    [Fact]
    public async Task Large_arguments_and_results_are_lent_both_ways_and_arrive_exact()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        double[] values = BulkMethods.Pattern(LentCount, seed: 9);
        double[] small = BulkMethods.Pattern((BulkSender.LendThresholdBytes / sizeof(double)) - 1, seed: 4);

        // The first answer also means the worker's hello, which tells the parent it may lend, has arrived.
        long[] before = await pool.RunAsync(BulkMethods.Calls.LendingSoFar()).WaitAsync(Limit);
        Assert.Equal(values, await pool.RunAsync(BulkMethods.Calls.Echo(values)).WaitAsync(Limit));
        Assert.Equal(values, await pool.RunAsync(BulkMethods.Calls.Echo(values)).WaitAsync(Limit));
        Assert.Equal(small, await pool.RunAsync(BulkMethods.Calls.Echo(small)).WaitAsync(Limit));
        long[] after = await pool.RunAsync(BulkMethods.Calls.LendingSoFar()).WaitAsync(Limit);

        // The worker read both large arguments out of this process and lent both large results; the small ones went
        // through shared memory.
        AssertLentBothWays(before, after, calls: 2);
    }

    [Fact]
    public async Task A_slice_of_memory_is_lent_from_where_it_lies_and_comes_back_exact()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        double[] whole = BulkMethods.Pattern(LentCount + 100, seed: 8);

        long[] before = await pool.RunAsync(BulkMethods.Calls.LendingSoFar()).WaitAsync(Limit);
        Memory<double> echoed = await pool.RunAsync(CarriedTypeMethods.Calls.EchoMemory(whole.AsMemory(37, LentCount))).WaitAsync(Limit);
        long[] after = await pool.RunAsync(BulkMethods.Calls.LendingSoFar()).WaitAsync(Limit);

        Assert.Equal(whole[37..(37 + LentCount)], echoed.ToArray());
        AssertLentBothWays(before, after, calls: 1);
    }

    /// <summary>
    /// Checks, from what the worker counted before and after (<see cref="BulkMethods.LendingSoFar"/>), that it read the
    /// arguments of <paramref name="calls"/> calls of <see cref="LentCount"/> doubles out of this process and lent as
    /// many results; or nothing where Yama forbids a child to read its parent (all still arrives then).
    /// </summary>
    private static void AssertLentBothWays(long[] before, long[] after, int calls)
    {
        int lent = PtraceScope.ChildMayReadParent() ? calls : 0;
        Assert.Equal(lent * (long)LentCount * sizeof(double), after[0] - before[0]);
        Assert.Equal(lent, after[1] - before[1]);
    }

    [Fact]
    public async Task A_returned_array_the_worker_overwrites_in_its_next_call_arrives_as_returned()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        double[] fills = [1, 2, 3, 4, 5, 6, 7, 8];

        // One batch on one worker: without waiting for the parent to read each lent result, the next call's fill would
        // show in it.
        double[][] results = await pool.MapAsync(fills, fill => BulkMethods.Calls.FillKept(LentCount, fill),
            new MapOptions { ChunkSize = fills.Length }).WaitAsync(Limit);

        for (int i = 0; i < fills.Length; i++)
        {
            Assert.Equal(LentCount, results[i].Length);
            Assert.True(Array.TrueForAll(results[i], value => value == fills[i]), $"result {i} holds another call's values");
        }
    }

    [Fact]
    public async Task Many_lent_arrays_in_flight_on_two_workers_keep_apart()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        double[][] inputs = [.. Enumerable.Range(0, 16).Select(static i => BulkMethods.Pattern(LentCount + (i * 512), seed: i))];

        Task<double[]?>[] echoes = [.. inputs.Select(input => pool.RunAsync(BulkMethods.Calls.Echo(input)))];
        double[] sums = await pool.MapAsync(inputs, input => BulkMethods.Calls.Sum(input), new MapOptions { ChunkSize = 3 })
            .WaitAsync(Limit);
        await Task.WhenAll(echoes).WaitAsync(Limit);

        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i], await echoes[i]);
            Assert.Equal(inputs[i].Sum(), sums[i]);
        }
    }
}
