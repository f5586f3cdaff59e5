using System.Diagnostics;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>The caller's W3C activity is the parent of the one the child runs the method in, in real children.</summary>
public sealed class TracingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_dedicated_child_runs_the_method_under_the_callers_activity()
    {
        using Activity caller = StartCaller();

        await using ChildProcess<string[]> child = ChildProcess.Start(TracingMethods.Calls.Seen());
        string[] seen = await child.JoinAsync().WaitAsync(Limit);

        AssertChildOf(caller, seen);
        Assert.EndsWith("TracingMethods.Seen", seen[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pool_call_carries_trace_id_parent_span_and_trace_state_also_across_an_await()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        using Activity caller = StartCaller();
        caller.TraceStateString = "vendor=abc";

        string[] seen = await pool.RunAsync(TracingMethods.Calls.Seen()).WaitAsync(Limit);
        string[] seenAsync = await pool.RunAsync(TracingMethods.Calls.SeenAsync(20)).WaitAsync(Limit);

        AssertChildOf(caller, seen);
        AssertChildOf(caller, seenAsync);
        Assert.Equal("vendor=abc", seen[3]);
        Assert.EndsWith("TracingMethods.SeenAsync", seenAsync[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_map_item_runs_under_the_activity_current_when_the_map_started()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        using Activity caller = StartCaller();

        string[][] byMethod = await pool.MapAsync(Enumerable.Range(0, 200), TracingMethods.Methods.SeenAt).WaitAsync(Limit);
        string[][] bySelector = await pool.MapAsync(Enumerable.Range(0, 50), i => TracingMethods.Calls.SeenAt(i)).WaitAsync(Limit);

        Assert.All(byMethod, seen => AssertChildOf(caller, seen));
        Assert.All(bySelector, seen => AssertChildOf(caller, seen));
    }

    [Fact]
    public async Task A_listener_in_the_caller_does_not_change_what_the_child_sees()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Tracing.Tests.Caller",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("Tracing.Tests.Caller");
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        using Activity caller = source.StartActivity("caller", ActivityKind.Client)!;

        string[] seen = await pool.RunAsync(TracingMethods.Calls.Seen()).WaitAsync(Limit);

        AssertChildOf(caller, seen);
    }

    [Fact]
    public async Task Without_a_current_activity_the_child_sees_none()
    {
        Activity.Current = null;
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        Assert.Empty(await pool.RunAsync(TracingMethods.Calls.Seen()).WaitAsync(Limit));
        Assert.All(await pool.MapAsync(Enumerable.Range(0, 20), TracingMethods.Methods.SeenAt).WaitAsync(Limit), Assert.Empty);

        // A traced call before does not leave its activity behind for the next untraced one on the same worker.
        using (StartCaller())
        {
            Assert.NotEmpty(await pool.RunAsync(TracingMethods.Calls.Seen()).WaitAsync(Limit));
        }

        Assert.Empty(await pool.RunAsync(TracingMethods.Calls.Seen()).WaitAsync(Limit));
    }

    private static Activity StartCaller() => new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

    private static void AssertChildOf(Activity caller, string[] seen)
    {
        Assert.Equal(4, seen.Length);
        Assert.Equal(caller.TraceId.ToString(), seen[0]);
        Assert.Equal(caller.SpanId.ToString(), seen[1]);
    }
}
