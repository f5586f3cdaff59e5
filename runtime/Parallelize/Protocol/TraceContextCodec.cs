using System.Diagnostics;
using Parallelize.Serialization;

namespace Parallelize.Protocol;

/// <summary>
/// Writes and reads the <see cref="TraceContext"/> field of a batch frame: <c>0</c> when absent, else <c>1</c>, trace
/// id, span id, flags, trace state and method name.
/// </summary>
/// <remarks>
/// Apart from <see cref="TraceContext"/> so that a frame without one (most of them) is read without loading that type,
/// whose <see cref="ActivityContext"/> field loads the diagnostics assembly: a worker's first batch would pay that load.
/// </remarks>
internal static class TraceContextCodec
{
    private const byte Absent = 0;
    private const byte Present = 1;
    private const int TraceIdBytes = 16;
    private const int SpanIdBytes = 8;

    /// <summary>The longest trace state the child accepts: W3C allows 32 members of at most 256 characters each.</summary>
    private const int MaxTraceStateChars = 8192;

    /// <summary>Writes <c>0</c>, or <c>1</c>, trace id, span id, flags, trace state and method name.</summary>
    public static void Write(WireWriter writer, ActivityContext? context, string? methodName)
    {
        if (context is not { } c)
        {
            writer.WriteByte(Absent);
            return;
        }

        writer.WriteByte(Present);
        c.TraceId.CopyTo(writer.Take(TraceIdBytes));
        c.SpanId.CopyTo(writer.Take(SpanIdBytes));
        writer.WriteByte((byte)c.TraceFlags);
        writer.WriteString(c.TraceState);
        writer.WriteString(methodName);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="ProtocolException">An unknown marker, an all-zero id, or a field that does not decode.</exception>
    public static TraceContext? Read(ref WireReader reader)
    {
        byte marker = reader.ReadByte();
        if (marker == Absent)
        {
            return null;
        }

        if (marker != Present)
        {
            throw new ProtocolException($"A batch's trace context starts with {marker}, not 0 or 1.");
        }

        return ReadPresent(ref reader);
    }

    /// <summary>The fields after the marker. Its own method, never inlined: the types it builds are loaded when a method
    /// that uses them first runs, and a frame without a trace context should not pay for that.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static TraceContext ReadPresent(ref WireReader reader)
    {
        ReadOnlySpan<byte> traceId = reader.ReadRaw(TraceIdBytes);
        ReadOnlySpan<byte> spanId = reader.ReadRaw(SpanIdBytes);
        if (!traceId.ContainsAnyExcept((byte)0) || !spanId.ContainsAnyExcept((byte)0))
        {
            // W3C: all-zero ids are invalid, and an ActivityContext made of them is not a parent.
            throw new ProtocolException("A batch's trace context has an all-zero trace or span id.");
        }

        var flags = (ActivityTraceFlags)reader.ReadByte();
        string? traceState = reader.ReadString();
        if (traceState?.Length > MaxTraceStateChars)
        {
            throw new ProtocolException($"A batch's trace state of {traceState.Length} characters exceeds {MaxTraceStateChars}.");
        }

        string? methodName = reader.ReadString();
        var context = new ActivityContext(
            ActivityTraceId.CreateFromBytes(traceId), ActivitySpanId.CreateFromBytes(spanId), flags, traceState, isRemote: true);
        return new TraceContext(context, methodName);
    }
}
