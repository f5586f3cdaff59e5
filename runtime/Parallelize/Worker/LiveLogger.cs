using Microsoft.Extensions.Logging;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// What a method in a worker gets for its <see cref="ILogger"/> parameter when the caller's logger has a level
/// enabled. <see cref="IsEnabled"/> answers from the lowest level the caller's logger had enabled when the call was
/// sent, so the method neither formats nor sends what the caller would drop. Each enabled entry is formatted in the
/// method, on the thread that logs, and written to the parent at once as a <see cref="FrameKind.Log"/> frame, with
/// the scopes the method began on this logger; the parent logs it on the caller's logger.
/// </summary>
internal class LiveLogger : LiveLink, ILogger
{
    private readonly LogLevel _minimum;

    /// <summary>The scopes the method began, per async flow, as Microsoft.Extensions.Logging keeps them.</summary>
    private readonly LoggerExternalScopeProvider _scopes = new();

    /// <param name="owner">The worker's reporting, which writes the frames.</param>
    /// <param name="batchId">The batch of the call the method runs for.</param>
    /// <param name="index">The call's index in its batch.</param>
    /// <param name="minimum">The lowest level the caller's logger has enabled, <see cref="LogLevel.Trace"/> to
    /// <see cref="LogLevel.Critical"/>.</param>
    public LiveLogger(CallReporting owner, uint batchId, int index, LogLevel minimum)
        : base(owner, batchId, index)
    {
        _minimum = minimum;
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel < LogLevel.None && !IsClosed;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _scopes.Push(state);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        string message = formatter(state, exception) ?? string.Empty;
        WireWriter frame = BeginFrame(FrameKind.Log, out int start);
        try
        {
            int entryStart = frame.Length;
            LogEntryCodec.Write(frame, logLevel, eventId, message, state, exception, _scopes);
            int bodyBytes = frame.Length - start - ProtocolConstants.HeaderBytes;
            if (bodyBytes > Owner.MaxFrameBytes)
            {
                // Logging must not fail the method the way an oversize progress report does: the caller gets the start
                // of the message, marked as cut.
                frame.Truncate(entryStart);
                LogEntryCodec.WriteTruncated(frame, logLevel, eventId, message, bodyBytes, Owner.MaxFrameBytes);
            }

            FrameWriter.End(frame, start, Owner.MaxFrameBytes);
            Owner.Send(this, frame.WrittenSpan);
        }
        finally
        {
            Recycle(frame);
        }
    }
}
