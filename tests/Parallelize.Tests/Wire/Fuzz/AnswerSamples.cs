using Parallelize.Dispatch;
using Parallelize.Protocol;
using Parallelize.Serialization;
using Parallelize.TestLibrary;
using Parallelize.Worker;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>
/// Valid frames a worker sends its parent, written by the worker's own encoders: a hello, a fatal message, and the
/// results of <see cref="SampleCalls"/> as the real <see cref="BatchRunner"/> answers them, errors and cancellations
/// included.
/// </summary>
internal static class AnswerSamples
{
    /// <summary>The pid the samples' hello names, which the fuzzed parent expects.</summary>
    public const int Pid = 4242;

    public const int MaxFrameBytes = 128 * 1024;

    /// <summary>Header, batch id, first item, count: the fixed fields of every results frame.</summary>
    private static readonly int[] ResultsFields = [0, ProtocolConstants.HeaderBytes + 4, ProtocolConstants.HeaderBytes + 8];

    /// <summary>Header, batch id, item index: the fixed fields of a progress frame.</summary>
    private static readonly int[] ProgressFields = [0, ProtocolConstants.HeaderBytes, ProtocolConstants.HeaderBytes + 4];

    /// <summary>
    /// Header, batch id, item index, then the first entry's event id, event name length (null), message length and
    /// value count: the fixed fields of the first log frame.
    /// </summary>
    private static readonly int[] LogFields =
    [
        0, ProtocolConstants.HeaderBytes, ProtocolConstants.HeaderBytes + 4, ProtocolConstants.HeaderBytes + 9,
        ProtocolConstants.HeaderBytes + 13, ProtocolConstants.HeaderBytes + 17, ProtocolConstants.HeaderBytes + 21 + "plain".Length,
    ];

    public static IReadOnlyList<FrameSample> All { get; } = Build();

    public static byte[] Hello()
    {
        var writer = new WireWriter();
        HelloCodec.Write(writer, Pid, ProtocolConstants.RuntimeBuildId, readsParent: false);
        return writer.WrittenSpan.ToArray();
    }

    private static List<FrameSample> Build()
    {
        var samples = new List<FrameSample> { new("hello", Hello(), [0], [], AfterHello: false) };

        var fatal = new WireWriter();
        int start = FrameWriter.Begin(fatal, FrameKind.Fatal);
        fatal.WriteString("the parent broke the protocol");
        FrameWriter.End(fatal, start, int.MaxValue);
        samples.Add(new FrameSample("fatal", fatal.WrittenSpan.ToArray(), [0, ProtocolConstants.HeaderBytes], [], AfterHello: true));

        foreach ((string name, Call[] calls) in SampleCalls.Batches)
        {
            samples.Add(new FrameSample("results: " + name, Run(calls), ResultsFields, calls, AfterHello: true));
        }

        Call[] one = [WireMethods.Calls.Echo("x")];
        var chain = new InvalidOperationException("outer", new ArgumentException("middle", new FormatException("inner ü")));
        samples.Add(Error("user error chain", one, chain));
        samples.Add(Error("protocol error", one, new ProtocolException("no such method")));
        samples.Add(Error("deep error chain", one, Enumerable.Range(0, 40).Aggregate(
            (Exception)new InvalidOperationException("root"), static (inner, i) => new InvalidOperationException($"level {i}", inner))));
        samples.Add(Answer("cancelled", one, static writer => writer.WriteByte((byte)CallOutcome.Cancelled)));

        // Progress frames before the result, as a worker writes them for a call that has a live IProgress<T>; the
        // parent's job holds the same call without an instance, so decoded reports are dropped, not delivered.
        byte[] reported = Run([WireProgressMethods.Calls.Steps(3, new Progress<Parcel?>())]);
        if (reported[4] != (byte)FrameKind.Progress)
        {
            throw new InvalidOperationException("The progress sample does not start with a progress frame.");
        }

        samples.Add(new FrameSample("progress then result", reported, ProgressFields, [WireProgressMethods.Calls.Steps(3, null!)], AfterHello: true));

        // Log frames before the result likewise: a plain entry, one with structured values and scopes, one with an
        // exception chain. The parent's call has no logger, so decoded entries are dropped.
        byte[] logged = Run([WireLoggingMethods.Calls.Entries(3, EveryLevelLogger.Instance)]);
        if (logged[4] != (byte)FrameKind.Log ||
            System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(logged.AsSpan(LogFields[4])) != -1 ||
            System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(logged.AsSpan(LogFields[5])) != "plain".Length)
        {
            throw new InvalidOperationException("The log sample does not start with a log frame laid out as LogFields says.");
        }

        samples.Add(new FrameSample("log then result", logged, LogFields, [WireLoggingMethods.Calls.Entries(3, null!)], AfterHello: true));
        return samples;
    }

    /// <summary>The worker's answer to <paramref name="calls"/>, as batch 1.</summary>
    private static byte[] Run(Call[] calls)
    {
        var output = new MemoryStream();
        using var worker = new InProcessWorker(output, MaxFrameBytes, DispatcherRegistry.Resolve);
        byte[] frame = RequestSamples.CallFrame(calls);
        worker.Run(RequestDecoder.ReadCall(frame.AsSpan(ProtocolConstants.HeaderBytes)));
        return output.ToArray();
    }

    private static FrameSample Error(string name, Call[] calls, Exception error)
    {
        // The depth follows the outcome and the error's kind.
        int depth = ResultsFields[^1] + 4 + 1 + 1;
        FrameSample sample = Answer(name, calls, writer =>
        {
            writer.WriteByte((byte)CallOutcome.Threw);
            RemoteErrorCodec.Write(writer, error);
        });
        return sample with { Fields = [.. ResultsFields, depth] };
    }

    private static FrameSample Answer(string name, Call[] calls, Action<WireWriter> writeItem)
    {
        var output = new MemoryStream();
        var results = new ResultsWriter(output, new object(), MaxFrameBytes);
        results.Begin(1, 0);
        writeItem(results.Buffer);
        results.ItemDone(1);
        results.End();
        results.Flush();
        return new FrameSample("results: " + name, output.ToArray(), ResultsFields, calls, AfterHello: true);
    }
}
