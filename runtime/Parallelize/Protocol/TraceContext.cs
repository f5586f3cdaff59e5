using System.Diagnostics;
using Parallelize.Serialization;

namespace Parallelize.Protocol;

/// <summary>
/// The caller's W3C trace context, captured when a job is created and carried by each of its batch frames; see
/// docs/dev/generator-contract.md, "Trace context". A job made with no current activity (or a non-W3C one) has none,
/// and its frames carry one zero byte.
/// </summary>
/// <param name="Context">The caller's activity: trace id, span id, flags and trace state.</param>
/// <param name="MethodName">The full name of the batch's first method, for the child's activity; null if unknown.</param>
internal sealed record TraceContext(ActivityContext Context, string? MethodName)
{
    private const byte Absent = 0;
    private const byte Present = 1;
    private const int TraceIdBytes = 16;
    private const int SpanIdBytes = 8;

    /// <summary>The longest trace state the child accepts: W3C allows 32 members of at most 256 characters each.</summary>
    private const int MaxTraceStateChars = 8192;

    /// <summary>The current activity's context if it has a W3C id, else null: one async-local read when there is none.</summary>
    public static ActivityContext? Capture() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Context : null;

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
