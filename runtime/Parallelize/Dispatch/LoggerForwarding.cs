using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parallelize.Serialization;
using Parallelize.Worker;

namespace Parallelize.Dispatch;

/// <summary>
/// What generated code calls for a method's <see cref="ILogger"/> or <see cref="ILogger{TCategoryName}"/> parameter.
/// The caller's logger stays with the caller; the call carries one byte for it, the lowest level that logger has
/// enabled (<see cref="LogLevel.None"/> for none, or no logger). In the child the method gets a logger that answers
/// <see cref="ILogger.IsEnabled"/> from that level and sends each enabled entry to the parent, which logs it on the
/// caller's logger; with nothing enabled, one that drops everything, so the method need not check for null.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LoggerForwarding
{
    /// <summary>Writes the lowest level <paramref name="logger"/> has enabled now, as the call is sent.</summary>
    /// <param name="writer">The call's arguments.</param>
    /// <param name="logger">The caller's logger; null sends <see cref="LogLevel.None"/>.</param>
    public static void WriteMinimumLevel(WireWriter writer, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte((byte)MinimumLevel(logger));
    }

    /// <summary>Reads the parameter's level and returns the method's <see cref="ILogger"/>.</summary>
    /// <param name="arguments">The call's arguments, at the parameter's level.</param>
    /// <exception cref="ProtocolException">The level is not a <see cref="LogLevel"/>.</exception>
    /// <exception cref="InvalidOperationException">Not called from dispatch code in a worker process.</exception>
    public static ILogger Read(ref WireReader arguments)
    {
        LogLevel minimum = ReadLevel(ref arguments);
        return minimum == LogLevel.None ? NullLogger.Instance : CallReporting.Current.AttachLogger(minimum);
    }

    /// <inheritdoc cref="Read(ref WireReader)"/>
    /// <typeparam name="TCategoryName">The parameter's category type.</typeparam>
    public static ILogger<TCategoryName> Read<TCategoryName>(ref WireReader arguments)
    {
        LogLevel minimum = ReadLevel(ref arguments);
        return minimum == LogLevel.None ? NullLogger<TCategoryName>.Instance : CallReporting.Current.AttachLogger<TCategoryName>(minimum);
    }

    /// <summary>
    /// The lowest level <paramref name="logger"/> has enabled. A level whose <see cref="ILogger.IsEnabled"/> throws
    /// counts as disabled: a broken logger must not break the call.
    /// </summary>
    internal static LogLevel MinimumLevel(ILogger? logger)
    {
        if (logger is null)
        {
            return LogLevel.None;
        }

        for (LogLevel level = LogLevel.Trace; level < LogLevel.None; level++)
        {
            try
            {
                if (logger.IsEnabled(level))
                {
                    return level;
                }
            }
            catch (Exception)
            {
                // As disabled; the next level may still answer.
            }
        }

        return LogLevel.None;
    }

    private static LogLevel ReadLevel(ref WireReader arguments)
    {
        byte level = arguments.ReadByte();
        return level <= (byte)LogLevel.None
            ? (LogLevel)level
            : throw new ProtocolException($"A logger's level must be 0 to {(byte)LogLevel.None}, not {level}.");
    }
}
