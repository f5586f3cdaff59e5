using System.Diagnostics;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// <see cref="IProgress{T}"/> parameters with real children: a method's reports reach the caller's instance in order,
/// all of them before the call's task completes, on a pool, the shared pool and a dedicated child; a slow caller
/// neither blocks the child nor the worker's other calls; a null instance, cancellation, late reports, values the wire
/// refuses, a throwing Report and bad progress frames.
/// </summary>
public sealed class ProgressTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pool_call_delivers_every_report_in_order_before_its_task_completes()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        // Slow now and then, so the answer arrives while reports are still queued for the caller.
        var progress = new ListProgress<int>(value => Pause(value, every: 200));

        int result = await pool.RunAsync(ProgressMethods.Calls.CountTo(2000, progress)).WaitAsync(Limit);

        Assert.Equal(2000, result);
        Assert.Equal(Enumerable.Range(1, 2000), progress.Snapshot());
        Assert.Equal(1, progress.MaxConcurrency);
    }

    [Fact]
    public async Task InProcess_shortcut_reports_through_the_shared_pool()
    {
        var progress = new ListProgress<int>();

        int result = await ProgressMethods.InProcess.CountTo(300, progress).WaitAsync(Limit);

        Assert.Equal(300, result);
        Assert.Equal(Enumerable.Range(1, 300), progress.Snapshot());
    }

    [Fact]
    public async Task Dedicated_child_delivers_every_report_before_JoinAsync_returns()
    {
        var progress = new ListProgress<int>(value => Pause(value, every: 10));
        await using var child = ChildProcess.Start(ProgressMethods.Calls.CountTo(500, progress));

        int result = await child.JoinAsync(Limit);

        Assert.Equal(500, result);
        Assert.Equal(Enumerable.Range(1, 500), progress.Snapshot());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Records_reported_from_an_async_method_arrive_whole_and_in_order(bool dedicated)
    {
        var progress = new ListProgress<StepReport>();
        Call<string> call = ProgressMethods.Calls.StepsAsync("steps", 40, progress);

        string result;
        if (dedicated)
        {
            await using var child = ChildProcess.Start(call);
            result = await child.JoinAsync(Limit);
        }
        else
        {
            await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
            result = await pool.RunAsync(call).WaitAsync(Limit);
        }

        Assert.Equal("steps", result);
        StepReport[] reports = progress.Snapshot();
        Assert.Equal(Enumerable.Range(1, 40), reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal("steps", r.Name));
        Assert.All(reports, r => Assert.Equal(Enumerable.Range(1, r.Step), r.Done));
    }

    [Fact]
    public async Task A_map_with_a_selector_reports_each_item_in_order_to_a_shared_instance()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        var progress = new ListProgress<StepReport>(report => Pause(report.Step, every: 3));
        int[] sizes = [3, 9, 5, 7, 1, 8];

        string[] results = await pool.MapAsync(sizes, n => ProgressMethods.Calls.StepsAsync("item" + n, n, progress),
            new MapOptions { ChunkSize = 2 }).WaitAsync(Limit);

        Assert.Equal(sizes.Select(n => "item" + n), results);
        StepReport[] reports = progress.Snapshot();
        Assert.Equal(sizes.Sum(), reports.Length);
        foreach (int n in sizes)
        {
            Assert.Equal(Enumerable.Range(1, n), reports.Where(r => r.Name == "item" + n).Select(r => r.Step));
        }

        // One relay per job: even an instance shared by the items of a map is never called by two threads at once.
        Assert.Equal(1, progress.MaxConcurrency);
    }

    [Fact]
    public async Task A_null_IProgress_reaches_the_method_as_one_that_drops_reports()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        // CountTo reports without checking for null: it gets an instance whose reports go nowhere.
        Assert.Equal(50, await pool.RunAsync(ProgressMethods.Calls.CountTo(50, null!)).WaitAsync(Limit));
        await using var child = ChildProcess.Start(ProgressMethods.Calls.CountTo(7, null!));
        Assert.Equal(7, await child.JoinAsync(Limit));
    }

    [Fact]
    public async Task Cancelling_mid_way_cancels_the_call_and_no_report_follows_its_task()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        using var cancellation = new CancellationTokenSource();
        var progress = new ListProgress<int>(value =>
        {
            if (value == 5)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => pool.RunAsync(ProgressMethods.Calls.CountUntilCancelled(progress), cancellation.Token).WaitAsync(Limit));
        int[] atCompletion = progress.Snapshot();
        await Task.Delay(300);

        // In order from 1, past the report that cancelled, and nothing delivered once the task had completed.
        Assert.True(atCompletion.Length >= 5, $"only {atCompletion.Length} reports");
        Assert.Equal(Enumerable.Range(1, atCompletion.Length), atCompletion);
        Assert.Equal(atCompletion, progress.Snapshot());

        // The worker stopped the method through its token and serves the next call.
        Assert.Equal(3, await pool.RunAsync(ProgressMethods.Calls.CountTo(3, null!)).WaitAsync(Limit));
    }

    [Fact]
    public async Task A_slow_IProgress_does_not_block_the_child_which_finishes_and_exits_first()
    {
        // 300 reports of 1 KiB: far more than a pipe holds, so a parent that called Report on its reader thread
        // would stop reading, and the child would block in Report until the caller caught up.
        using var gate = new ManualResetEventSlim();
        var progress = new ListProgress<string>(_ => gate.Wait(Limit));
        await using var child = ChildProcess.Start(ProgressMethods.Calls.ReportBulk(300, 1024, progress));

        var clock = Stopwatch.StartNew();
        while (child.IsAlive && clock.Elapsed < Limit)
        {
            await Task.Delay(20);
        }

        Assert.False(child.IsAlive, "the child was still running, held up by the caller's Report");
        Assert.True(progress.Snapshot().Length <= 1, "reports were delivered past a blocked Report");
        gate.Set();
        await child.JoinAsync(Limit);

        // Every report arrived, whole and in order, before JoinAsync returned.
        string[] reports = progress.Snapshot();
        Assert.Equal(300, reports.Length);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i + ":"), reports.Select(r => r[..(r.IndexOf(':') + 1)]));
        Assert.All(reports, r => Assert.Equal(1024, r.Length));
    }

    [Fact]
    public async Task A_slow_IProgress_holds_its_own_call_back_but_not_the_workers_other_calls()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        using var gate = new ManualResetEventSlim();
        var progress = new ListProgress<string>(_ => gate.Wait(Limit));

        Task<long> reporting = pool.RunAsync(ProgressMethods.Calls.ReportBulk(300, 1024, progress));
        long other = await pool.RunAsync(PoolMethods.Calls.Twice(21)).WaitAsync(Limit);

        // The same worker answered the next call while the first call's reports waited for the caller...
        Assert.Equal(42, other);
        await Task.Delay(100);
        // ...and the first call's task waits for its reports: it cannot complete before they are delivered.
        Assert.False(reporting.IsCompleted);
        gate.Set();
        await reporting.WaitAsync(Limit);
        Assert.Equal(300, progress.Snapshot().Length);
    }

    [Fact]
    public async Task A_report_made_after_the_method_returned_is_dropped()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        var progress = new ListProgress<int>();

        Assert.Equal(1, await pool.RunAsync(ProgressMethods.Calls.ReportAfterReturning(progress)).WaitAsync(Limit));
        await Task.Delay(300);
        // The worker is still alive and serving: the late report was dropped, not sent under another call.
        Assert.Equal(5, await pool.RunAsync(ProgressMethods.Calls.CountTo(5, null!)).WaitAsync(Limit));

        Assert.Equal([1], progress.Snapshot());
    }

    [Fact]
    public async Task A_value_the_wire_refuses_throws_inside_the_reporting_method()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, MaxFrameBytes = 16 * 1024 });
        var animals = new ListProgress<Animal>();
        var strings = new ListProgress<string>();

        string undeclared = await pool.RunAsync(ProgressMethods.Calls.ReportRefusedValue(animals)).WaitAsync(Limit);
        string large = await pool.RunAsync(ProgressMethods.Calls.ReportLarge(20_000, strings)).WaitAsync(Limit);
        string small = await pool.RunAsync(ProgressMethods.Calls.ReportLarge(1_000, strings)).WaitAsync(Limit);

        Assert.StartsWith("Parallelize.Serialization.WireSerializationException: An object of type", undeclared);
        Assert.StartsWith("Parallelize.ProtocolException: ", large);
        Assert.Contains("exceeds the limit of 16384 bytes", large);
        Assert.Equal("nothing", small);
        Assert.Empty(animals.Snapshot());
        Assert.Equal([1_000], strings.Snapshot().Select(s => s.Length));
    }

    [Fact]
    public async Task An_exception_from_the_callers_Report_fails_the_call_with_it()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        var thrown = new InvalidOperationException("the caller's Report failed");
        var progress = new ListProgress<int>(value =>
        {
            if (value == 3)
            {
                throw thrown;
            }
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => pool.RunAsync(ProgressMethods.Calls.CountTo(100_000, progress)).WaitAsync(Limit));

        // As when Report throws in the method's own process: the call fails with that exception, and nothing more
        // is reported.
        Assert.Same(thrown, error);
        await Task.Delay(200);
        Assert.Equal([1, 2, 3], progress.Snapshot());
        Assert.Equal(4, await pool.RunAsync(ProgressMethods.Calls.CountTo(4, null!)).WaitAsync(Limit));
    }

    [Fact]
    public async Task Progress_for_a_batch_never_sent_is_a_protocol_error()
    {
        // A progress frame (kind 7) for item 0 of batch 99, with an int value.
        byte[] frame = [12, 0, 0, 0, 7, 99, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];
        await using var child = ChildProcess.Start(ProgressMethods.Calls.WriteRawToParent(frame, new ListProgress<int>()));

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains("never sent", error.Message);
    }

    [Fact]
    public async Task Progress_for_a_call_that_takes_no_IProgress_is_a_protocol_error()
    {
        // Item 0 of batch 1: the dedicated child's own call, whose method takes no IProgress<T>.
        byte[] frame = [12, 0, 0, 0, 7, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];
        await using var child = ChildProcess.Start(ChildMethods.Calls.WriteRawToParent(frame));

        ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => child.JoinAsync(Limit));

        Assert.Contains("takes no IProgress<T>", error.Message);
    }

    [Fact]
    public async Task A_progress_value_that_does_not_decode_is_a_protocol_error()
    {
        // Item 0 of batch 1 with two bytes where the int needs four, then a frame with a byte too many.
        byte[] truncated = [10, 0, 0, 0, 7, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0];
        byte[] trailing = [13, 0, 0, 0, 7, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9];
        var progress = new ListProgress<int>();
        await using var first = ChildProcess.Start(ProgressMethods.Calls.WriteRawToParent(truncated, progress));
        await using var second = ChildProcess.Start(ProgressMethods.Calls.WriteRawToParent(trailing, progress));

        ProtocolException shortValue = await Assert.ThrowsAsync<ProtocolException>(() => first.JoinAsync(Limit));
        ProtocolException longValue = await Assert.ThrowsAsync<ProtocolException>(() => second.JoinAsync(Limit));

        Assert.Contains("ended early", shortValue.Message);
        Assert.Contains("1 unexpected byte(s)", longValue.Message);
        Assert.Equal(-9, first.ExitCode);
        Assert.Equal(-9, second.ExitCode);
    }

    /// <summary>Sleeps a little at every <paramref name="every"/>th value: a caller that is sometimes slow.</summary>
    private static void Pause(int value, int every)
    {
        if (value % every == 0)
        {
            Thread.Sleep(10);
        }
    }

    /// <summary>
    /// A synchronous <see cref="IProgress{T}"/> that collects reports in order (unlike <see cref="Progress{T}"/>, which
    /// posts each to its captured context), optionally doing something with each first.
    /// </summary>
    private sealed class ListProgress<T>(Action<T>? onReport = null) : IProgress<T>
    {
        private readonly List<T> _reports = [];
        private int _inside;
        private int _maxConcurrency;

        public int MaxConcurrency => Volatile.Read(ref _maxConcurrency);

        public void Report(T value)
        {
            int inside = Interlocked.Increment(ref _inside);
            InterlockedMax(ref _maxConcurrency, inside);
            try
            {
                lock (_reports)
                {
                    _reports.Add(value);
                }

                onReport?.Invoke(value);
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }

        public T[] Snapshot()
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen = Volatile.Read(ref target);
            while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is int actual && actual != seen)
            {
                seen = actual;
            }
        }
    }
}
