using Microsoft.Extensions.Logging;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>A logger with every level enabled that drops what it is given: calls made with it carry level Trace.</summary>
internal sealed class EveryLevelLogger : ILogger
{
    public static readonly EveryLevelLogger Instance = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
    }
}
