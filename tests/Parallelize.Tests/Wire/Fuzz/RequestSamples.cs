using System.Diagnostics;
using System.Text;
using Parallelize.Execution;
using Parallelize.Hosting;
using Parallelize.Protocol;
using Parallelize.Serialization;
using Parallelize.TestLibrary;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>Valid frames a parent sends a worker, written by the parent's own encoders: call batches, cancel, close.</summary>
internal static class RequestSamples
{
    public static IReadOnlyList<FrameSample> All { get; } = Build();

    /// <summary>The <see cref="FrameKind.Call"/> frame of <paramref name="calls"/> as batch 1, as the pool writes it.</summary>
    public static byte[] CallFrame(Call[] calls)
    {
        var slice = new WorkSlice(new CallsJob(calls), 0, calls.Length) { Id = 1 };
        var writer = new WireWriter();
        SliceWriter.Write(writer, slice, int.MaxValue);
        return writer.WrittenSpan.ToArray();
    }

    private static List<FrameSample> Build()
    {
        var samples = new List<FrameSample>();
        foreach ((string name, Call[] calls) in SampleCalls.Batches)
        {
            samples.Add(Call(name, calls));
        }

        // The logger's lowest enabled level (Trace here) is one byte among the arguments.
        samples.Add(Call("logger", [WireLoggingMethods.Calls.Entries(3, EveryLevelLogger.Instance)]));
        samples.Add(Traced("traced", [WireMethods.Calls.Echo("traced"), WireMethods.Calls.Echo("twice")]));
        samples.Add(Call("unknown method", [new UnknownMethodCall(SampleCalls.Assembly), WireMethods.Calls.Echo("after")]));

        var cancel = new WireWriter();
        int start = FrameWriter.Begin(cancel, FrameKind.Cancel);
        cancel.WriteUInt32(1);
        FrameWriter.End(cancel, start, int.MaxValue);
        samples.Add(new FrameSample("cancel", cancel.WrittenSpan.ToArray(), [0], [], AfterHello: false));

        var close = new WireWriter();
        FrameWriter.WriteEmpty(close, FrameKind.Close);
        samples.Add(new FrameSample("close", close.WrittenSpan.ToArray(), [0], [], AfterHello: false));
        return samples;
    }

    /// <summary>A batch made under a W3C activity with a trace state: its frame carries the trace context.</summary>
    private static FrameSample Traced(string name, Call[] calls)
    {
        Activity? previous = Activity.Current;
        using Activity caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        caller.TraceStateString = "vendor=abc";
        FrameSample sample = Call(name, calls);
        Activity.Current = previous;

        // After the count: the marker, trace id, span id and flags, then the trace state's length, then the name's.
        int traceState = sample.Fields[^1] + 4 + 1 + 16 + 8 + 1;
        int methodName = traceState + 4 + caller.TraceStateString.Length;
        return sample with { Fields = [.. sample.Fields, traceState, methodName] };
    }

    private static FrameSample Call(string name, Call[] calls)
    {
        // Header, batch id, then the assembly name's length and the call count.
        int nameLength = ProtocolConstants.HeaderBytes + 4;
        int count = nameLength + 4 + Encoding.UTF8.GetByteCount(calls[0].AssemblyName);
        return new FrameSample("call: " + name, CallFrame(calls), [0, nameLength, count], calls, AfterHello: false);
    }
}
