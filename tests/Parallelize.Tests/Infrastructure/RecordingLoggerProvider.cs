using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Parallelize.Tests.Infrastructure;

/// <summary>One entry a <see cref="RecordingLoggerProvider"/> logger received, with what was current as it did.</summary>
internal sealed record RecordedEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> State,
    Exception? Exception,
    string[] Scopes,
    string? Probe,
    string? ActivityId);

/// <summary>
/// A provider for a real <see cref="LoggerFactory"/> that records every entry its loggers receive, the scopes the
/// factory holds for it (outermost first), <see cref="Probe"/> and <see cref="Activity.Current"/> at that moment, and
/// how many threads were inside it at once.
/// </summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    /// <summary>An async-local a test sets before a call, to see which execution context entries are logged in.</summary>
    public static readonly AsyncLocal<string?> Probe = new();

    private readonly List<RecordedEntry> _entries = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
    private int _inside;
    private int _maxConcurrency;

    public int MaxConcurrency => Volatile.Read(ref _maxConcurrency);

    /// <summary>A factory whose loggers log from <paramref name="minimum"/> on, to a new provider.</summary>
    public static ILoggerFactory CreateFactory(out RecordingLoggerProvider provider, LogLevel minimum = LogLevel.Trace)
    {
        var recording = new RecordingLoggerProvider();
        provider = recording;
        return LoggerFactory.Create(builder => builder.SetMinimumLevel(minimum).AddProvider(recording));
    }

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public RecordedEntry[] Snapshot()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }

    public void Dispose()
    {
    }

    private void Record<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        int inside = Interlocked.Increment(ref _inside);
        int seen = Volatile.Read(ref _maxConcurrency);
        while (inside > seen && Interlocked.CompareExchange(ref _maxConcurrency, inside, seen) is int actual && actual != seen)
        {
            seen = actual;
        }

        try
        {
            var scopes = new List<string>();
            _scopes.ForEachScope(static (scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            var entry = new RecordedEntry(category, level, eventId, formatter(state, exception), [.. values], exception, [.. scopes],
                Probe.Value, Activity.Current?.Id);
            lock (_entries)
            {
                _entries.Add(entry);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    private sealed class RecordingLogger(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Record(category, logLevel, eventId, state, exception, formatter);
    }
}
