using Microsoft.Extensions.Logging;
using Parallelize.Logging;
using Parallelize.Serialization;

namespace Parallelize.Protocol;

/// <summary>
/// One log entry, after a <see cref="FrameKind.Log"/> frame's batch id and item index:
/// <c>u8 level, i32 event id, string event name, message, u8 0 | 1 error, i32 scope count, scope count × scope</c>.
/// The message and each scope are <see cref="LogValuesCodec"/> text and pairs; the error is a
/// <see cref="RemoteErrorCodec"/> chain. Scopes are the method's own, outermost first.
/// </summary>
internal static class LogEntryCodec
{
    private const byte NoError = 0;
    private const byte HasError = 1;

    /// <summary>The fewest bytes a scope takes: its text's length and its pair count.</summary>
    private const int MinimumScopeBytes = sizeof(int) + sizeof(int);

    /// <summary>The longest event name a truncated entry keeps.</summary>
    private const int MaxTruncatedNameChars = 256;

    public static void Write<TState>(
        WireWriter writer, LogLevel level, EventId eventId, string message, TState state, Exception? exception,
        IExternalScopeProvider scopes)
    {
        writer.WriteByte((byte)level);
        writer.WriteInt32(eventId.Id);
        writer.WriteString(eventId.Name);
        LogValuesCodec.Write(writer, message, state);
        if (exception is null)
        {
            writer.WriteByte(NoError);
        }
        else
        {
            writer.WriteByte(HasError);
            RemoteErrorCodec.Write(writer, exception);
        }

        var scopeWriter = new ScopeWriter(writer);
        scopes.ForEachScope(static (scope, target) => target.Add(scope), scopeWriter);
        writer.PatchCount(scopeWriter.CountAt, scopeWriter.Count);
    }

    /// <summary>
    /// Writes what is left of an entry whose full encoding (<paramref name="entryBytes"/>) is over the frame limit: its
    /// level, event and the start of its message, which says so; no pairs, error or scopes. Fits any valid limit.
    /// </summary>
    public static void WriteTruncated(WireWriter writer, LogLevel level, EventId eventId, string message, int entryBytes, int maxFrameBytes)
    {
        // At most 3 UTF-8 bytes per char: an eighth of the limit in chars leaves room for everything else.
        int keep = Math.Min(message.Length, maxFrameBytes / 8);
        if (keep > 0 && char.IsHighSurrogate(message[keep - 1]))
        {
            keep--;
        }

        string? name = eventId.Name;
        writer.WriteByte((byte)level);
        writer.WriteInt32(eventId.Id);
        writer.WriteString(name is { Length: > MaxTruncatedNameChars } ? name[..MaxTruncatedNameChars] : name);
        LogValuesCodec.WriteText(writer, string.Concat(message.AsSpan(0, keep),
            $"… [truncated: the entry of {entryBytes} bytes exceeds the limit of {maxFrameBytes} bytes (MaxFrameBytes)]"));
        writer.WriteByte(NoError);
        writer.WriteCount(0);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; the error's links name child process <paramref name="pid"/>.</summary>
    /// <exception cref="ProtocolException">An unknown level or error marker, or a field that does not decode.</exception>
    public static LogEntry Read(ref WireReader reader, int pid)
    {
        byte level = reader.ReadByte();
        if (level > (byte)LogLevel.Critical)
        {
            throw new ProtocolException($"A log entry has the unknown level {level}.");
        }

        int id = reader.ReadInt32();
        string? name = reader.ReadString();
        RemoteLogValues message = LogValuesCodec.Read(ref reader);
        RemoteException? error = reader.ReadByte() switch
        {
            NoError => null,
            HasError => RemoteErrorCodec.ReadChain(ref reader, pid),
            byte marker => throw new ProtocolException($"A log entry's error starts with {marker}, not 0 or 1."),
        };

        int count = reader.ReadCount(MinimumScopeBytes);
        if (count < 0)
        {
            throw new ProtocolException("A log entry has a null scope count.");
        }

        RemoteLogValues[] scopes = count == 0 ? [] : new RemoteLogValues[count];
        for (int i = 0; i < count; i++)
        {
            scopes[i] = LogValuesCodec.Read(ref reader);
        }

        return new LogEntry((LogLevel)level, new EventId(id, name), message, error, scopes);
    }

    /// <summary>Writes each scope <see cref="IExternalScopeProvider.ForEachScope"/> hands it, and counts them.</summary>
    private sealed class ScopeWriter(WireWriter writer)
    {
        public int CountAt { get; } = writer.ReserveCount();

        public int Count { get; private set; }

        public void Add(object? scope)
        {
            LogValuesCodec.Write(writer, scope?.ToString() ?? string.Empty, scope);
            Count++;
        }
    }
}
