using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// <see cref="ILogger"/> parameters with real children: entries a method logs reach the caller's logger with their
/// level, category, event, message, structured values, exception chain and scopes, all before the call's task
/// completes, in the caller's execution context, on a pool, in a map, on the shared pool and in a dedicated child; the
/// child sees the caller's minimum level and formats nothing below it; a null logger, a logger that throws and an entry
/// over the frame limit do not break the call.
/// </summary>
public sealed class LoggingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly LogLevel[] AllLevels =
        [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical];

    [Fact]
    public async Task Every_level_arrives_in_order_on_the_callers_logger()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider, LogLevel.Trace);
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        string enabled = await pool.RunAsync(LoggingMethods.Calls.LogEveryLevel(factory.CreateLogger("Levels"))).WaitAsync(Limit);

        Assert.Equal(string.Join(",", AllLevels), enabled);
        RecordedEntry[] entries = provider.Snapshot();
        Assert.Equal(AllLevels, entries.Select(e => e.Level));
        Assert.Equal(AllLevels.Select(l => $"level {l}"), entries.Select(e => e.Message));
        Assert.All(entries, e => Assert.Equal("Levels", e.Category));
    }

    [Fact]
    public async Task The_child_sees_the_callers_minimum_level_and_formats_nothing_below_it()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider, LogLevel.Warning);
        ILogger logger = factory.CreateLogger("Filtered");
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        string enabled = await pool.RunAsync(LoggingMethods.Calls.LogEveryLevel(logger)).WaitAsync(Limit);
        int[] formatted = await pool.RunAsync(LoggingMethods.Calls.CountFormatting(logger)).WaitAsync(Limit);

        Assert.Equal("Warning,Error,Critical", enabled);
        Assert.Equal(0, formatted[0]); // the debug entry is dropped before its value is formatted
        Assert.True(formatted[1] > 0, "The warning was not formatted.");
        Assert.Equal(
            [LogLevel.Warning, LogLevel.Error, LogLevel.Critical, LogLevel.Warning],
            provider.Snapshot().Select(e => e.Level));

        // Nothing enabled: the method gets a logger that is off, and nothing crosses.
        using ILoggerFactory silent = RecordingLoggerProvider.CreateFactory(out var silentProvider, LogLevel.None);
        Assert.Equal("", await pool.RunAsync(LoggingMethods.Calls.LogEveryLevel(silent.CreateLogger("Off"))).WaitAsync(Limit));
        Assert.Empty(silentProvider.Snapshot());
    }

    [Fact]
    public async Task Entries_keep_the_category_of_the_callers_logger()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider);

        // ILogger<T> through the shared pool's shortcut, a plain ILogger of any category on a dedicated child.
        Assert.Equal(640, await LoggingMethods.InProcess.Resize("a.png", 640, factory.CreateLogger<ImageWork>()).WaitAsync(Limit));
        await using (var child = ChildProcess.Start(LoggingMethods.Calls.Scoped(factory.CreateLogger("Custom.Category"))))
        {
            await child.JoinAsync(Limit);
        }

        Assert.Equal(
            [typeof(ImageWork).FullName, "Custom.Category", "Custom.Category"],
            provider.Snapshot().Select(e => e.Category));
    }

    [Fact]
    public async Task Structured_state_arrives_with_its_template_values_and_event()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider);
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        await pool.RunAsync(LoggingMethods.Calls.Resize("a.png", 640, factory.CreateLogger<ImageWork>())).WaitAsync(Limit);

        RecordedEntry entry = Assert.Single(provider.Snapshot());
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(new EventId(7, "Resized"), entry.EventId);
        Assert.Equal("Resized a.png to 640px at 0.5 (sharpened: True, 1, 2, (null))", entry.Message);
        var values = entry.State.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("Resized {File} to {Width}px at {Scale} (sharpened: {Sharpened}, {Sizes}, {Missing})", values["{OriginalFormat}"]);
        Assert.Equal("a.png", values["File"]);
        Assert.Equal(640, Assert.IsType<int>(values["Width"]));
        Assert.Equal(0.5, Assert.IsType<double>(values["Scale"]));
        Assert.True(Assert.IsType<bool>(values["Sharpened"]));
        Assert.Equal("1, 2", values["Sizes"]); // a collection crosses as the text the formatter shows
        Assert.Null(values["Missing"]);
    }

    [Fact]
    public async Task A_logged_exception_arrives_as_the_childs_remote_chain()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider);
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        int pid = await pool.RunAsync(LoggingMethods.Calls.LogFailure(factory.CreateLogger("Errors"))).WaitAsync(Limit);

        RecordedEntry entry = Assert.Single(provider.Snapshot());
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("could not read /tmp/x", entry.Message);
        var error = Assert.IsType<RemoteException>(entry.Exception);
        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("could not read the image", error.Message);
        Assert.Equal(pid, error.RemotePid);
        Assert.Contains(nameof(LoggingMethods), error.RemoteStackTrace, StringComparison.Ordinal);
        var inner = Assert.IsType<RemoteException>(error.InnerException);
        Assert.Equal("System.FormatException", inner.RemoteType);
        Assert.Equal("bad header", inner.Message);
        Assert.Contains("Fail", inner.RemoteStackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_are_logged_in_the_callers_context_inside_its_scopes_and_the_childs()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider);
        ILogger logger = factory.CreateLogger("Scopes");
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        using var activity = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        RecordingLoggerProvider.Probe.Value = "caller's context";

        using (logger.BeginScope("Request {RequestId}", 42))
        {
            await pool.RunAsync(LoggingMethods.Calls.Scoped(logger)).WaitAsync(Limit);
        }

        RecordedEntry[] entries = provider.Snapshot();
        Assert.Equal(["in scopes", "outside"], entries.Select(e => e.Message));
        Assert.Equal(["Request 42", "Batch 7", "inner"], entries[0].Scopes);
        Assert.Equal(["Request 42"], entries[1].Scopes);
        Assert.All(entries, e => Assert.Equal("caller's context", e.Probe));
        Assert.All(entries, e => Assert.Equal(activity.Id, e.ActivityId));
    }

    [Fact]
    public async Task Every_entry_is_logged_before_the_result_or_the_failure_is_reported()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider);
        ILogger logger = factory.CreateLogger("Order");
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        int result = await pool.RunAsync(LoggingMethods.Calls.LogThenReturnAsync("run", 300, logger)).WaitAsync(Limit);

        // Counted as the await resumes: nothing may still be on its way.
        Assert.Equal(300, provider.Snapshot().Length);
        Assert.Equal(300, result);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"run {i}"), provider.Snapshot().Select(e => e.Message));

        var failed = pool.RunAsync(LoggingMethods.Calls.LogThenThrow(50, logger));
        var error = await Assert.ThrowsAsync<RemoteException>(async () =>
        {
            try
            {
                await failed.WaitAsync(Limit);
            }
            finally
            {
                Assert.Equal(350, provider.Snapshot().Length);
            }
        });
        Assert.Equal("failed after logging", error.Message);
    }

    [Fact]
    public async Task A_map_logs_each_items_entries_in_order_one_at_a_time()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider);
        ILogger logger = factory.CreateLogger("Map");
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        int[] sizes = [3, 9, 5, 7, 1, 8];

        int[] results = await pool.MapAsync(sizes, n => LoggingMethods.Calls.LogThenReturnAsync("item" + n, n, logger),
            new MapOptions { ChunkSize = 2 }).WaitAsync(Limit);

        Assert.Equal(sizes, results);
        RecordedEntry[] entries = provider.Snapshot();
        Assert.Equal(sizes.Sum(), entries.Length);
        foreach (int n in sizes)
        {
            Assert.Equal(Enumerable.Range(1, n).Select(i => $"item{n} {i}"), entries.Where(e => e.Message.StartsWith($"item{n} ", StringComparison.Ordinal)).Select(e => e.Message));
        }

        // One relay per job: even a logger shared by the items of a map is never called by two threads at once.
        Assert.Equal(1, provider.MaxConcurrency);
    }

    [Fact]
    public async Task A_dedicated_child_logs_everything_before_JoinAsync_returns()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider);
        await using var child = ChildProcess.Start(LoggingMethods.Calls.LogThenReturnAsync("child", 100, factory.CreateLogger("Child")));

        Assert.Equal(100, await child.JoinAsync(Limit));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => $"child {i}"), provider.Snapshot().Select(e => e.Message));
    }

    [Fact]
    public async Task A_logger_that_throws_loses_its_entries_but_not_the_call()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        var throwsOnLog = new ThrowingLogger(throwOnIsEnabled: false);

        Assert.Equal(20, await pool.RunAsync(LoggingMethods.Calls.LogThenReturnAsync("x", 20, throwsOnLog)).WaitAsync(Limit));
        Assert.Equal(20, throwsOnLog.Calls);

        // IsEnabled throwing counts as nothing enabled: the method gets a logger that is off.
        var throwsOnIsEnabled = new ThrowingLogger(throwOnIsEnabled: true);
        Assert.Equal("", await pool.RunAsync(LoggingMethods.Calls.LogEveryLevel(throwsOnIsEnabled)).WaitAsync(Limit));
        await using var child = ChildProcess.Start(LoggingMethods.Calls.LogThenReturnAsync("y", 5, throwsOnLog));
        Assert.Equal(5, await child.JoinAsync(Limit));
    }

    [Fact]
    public async Task A_null_logger_reaches_the_method_as_one_that_logs_nothing()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });

        Assert.Equal(5, await pool.RunAsync(LoggingMethods.Calls.Optional(5)).WaitAsync(Limit));
        await using var child = ChildProcess.Start(LoggingMethods.Calls.Optional(6, null));
        Assert.Equal(6, await child.JoinAsync(Limit));
    }

    [Fact]
    public async Task An_entry_over_the_frame_limit_arrives_cut_and_the_call_succeeds()
    {
        using ILoggerFactory factory = RecordingLoggerProvider.CreateFactory(out var provider);
        await using var child = ChildProcess.Start(
            LoggingMethods.Calls.LogLong(20_000, factory.CreateLogger("Long")), new ChildProcessOptions { MaxFrameBytes = 4096 });

        Assert.Equal(20_000, await child.JoinAsync(Limit));
        RecordedEntry entry = Assert.Single(provider.Snapshot());
        Assert.StartsWith(new string('x', 512), entry.Message, StringComparison.Ordinal);
        Assert.Contains("[truncated: the entry of", entry.Message, StringComparison.Ordinal);
        Assert.True(entry.Message.Length < 4096, $"{entry.Message.Length} characters");
    }

    /// <summary>A logger with everything enabled whose <c>Log</c> (or <c>IsEnabled</c>) throws.</summary>
    private sealed class ThrowingLogger(bool throwOnIsEnabled) : ILogger
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => throwOnIsEnabled ? throw new InvalidOperationException("IsEnabled broke") : true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("Log broke");
        }
    }
}
