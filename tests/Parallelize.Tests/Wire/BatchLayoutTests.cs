using System.Buffers.Binary;
using System.Text;
using Parallelize.Execution;
using Parallelize.Hosting;
using Parallelize.Protocol;
using Parallelize.Serialization;
using Parallelize.TestLibrary;
using Parallelize.Tests.Methods;
using Parallelize.Tests.Wire.Fuzz;
using Parallelize.Worker;

namespace Parallelize.Tests.Wire;

/// <summary>How a call frame names its calls' methods: once for a batch of one method, else once per call.</summary>
public sealed class BatchLayoutTests
{
    [Fact]
    public void A_map_of_one_method_names_it_once_and_every_call_runs_and_answers()
    {
        string?[] items = ["a", null, "grüße", "", new string('x', 300)];
        var job = new MethodMapJob<string?, string?>(items, WireMethods.Methods.Echo, new MapOptions(), streaming: false, CancellationToken.None);

        byte[] frame = Write(job, items.Length);
        ReceivedBatch batch = Decode(frame);

        Assert.Equal(WireMethods.Methods.Echo.MethodId, batch.SharedMethodId);
        Assert.Equal(items.Sum(static s => 4 + Encoding.UTF8.GetByteCount(s ?? "")), batch.Length);
        InProcessRoundTrip.Run(batch, job, 1 << 20);
        Assert.Equal(items, Enumerable.Range(0, items.Length).Select(job.ResultAt));
    }

    [Fact]
    public void A_batch_of_several_methods_names_each_calls_method()
    {
        Call[] calls = [WireMethods.Calls.Echo("one"), WireMethods.Calls.Length([1, 2]), WireMethods.Calls.Echo("three")];
        var job = new CallsJob(calls);

        ReceivedBatch batch = Decode(Write(job, calls.Length));

        Assert.Null(batch.SharedMethodId);
        InProcessRoundTrip.Run(batch, job, 1 << 20);
        Assert.Empty(job.Failures);
        Assert.Equal(3, job.Completed);
    }

    [Fact]
    public void Calls_whose_arguments_take_no_bytes_name_their_method_each_so_their_count_stays_bounded()
    {
        var job = new MethodMapJob<int, int>([1, 2, 3], new NoArgumentBytes(), new MapOptions(), streaming: false, CancellationToken.None);

        ReceivedBatch batch = Decode(Write(job, 3));

        Assert.Null(batch.SharedMethodId);
        Assert.Equal(3 * sizeof(uint), batch.Length);
    }

    [Fact]
    public void Arguments_holding_references_are_never_copied_as_memory_whatever_a_method_claims()
    {
        var honest = new RawClaim<int>();
        var claim = new RawClaim<string>();

        Assert.True(honest.CopiesArguments && honest.CopiesResults);
        Assert.False(claim.CopiesArguments || claim.CopiesResults);
    }

    [Fact]
    public void Results_read_as_their_bytes_survive_every_truncation_of_their_frame_with_a_protocol_error()
    {
        // A results frame of a map whose results cross as their bytes, its body cut at every length: reading it either
        // succeeds (the whole body) or fails with ProtocolException, and every result settled before the cut is right.
        long[] items = [.. Enumerable.Range(0, 40).Select(static i => (long)i * 1_000_003)];
        Assert.True(PoolMethods.Methods.Twice.CopiesResults);
        byte[] answers = InProcessRoundTrip.Answers(Decode(Write(NewTwiceMap(items), items.Length)));
        int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(answers);
        Assert.Equal(FrameKind.Results, (FrameKind)answers[4]);
        Assert.Equal(answers.Length, ProtocolConstants.HeaderBytes + bodyLength);

        for (int cut = 0; cut <= bodyLength; cut++)
        {
            MethodMapJob<long, long> job = NewTwiceMap(items);
            var slice = new WorkSlice(job, 0, items.Length) { Id = 1 };
            AnswerReader reader = InProcessRoundTrip.ReaderFor(slice);
            Exception? error = Record.Exception(() => reader.Handle(new Frame(FrameKind.Results, answers.AsSpan(ProtocolConstants.HeaderBytes, cut))));

            Assert.True(cut == bodyLength ? error is null : error is ProtocolException, $"cut at {cut}: {error}");
            for (int i = 0; i < slice.Answered; i++)
            {
                Assert.True(job.TryGetFailure(i, out _) || job.ResultAt(i) == 2 * items[i], $"item {i}, cut at {cut}");
            }
        }
    }

    [Fact]
    public void An_unknown_layout_is_a_protocol_error()
    {
        byte[] frame = Write(new CallsJob([WireMethods.Calls.Echo("x")]), 1);
        frame[LayoutOffset()] = 7;

        var error = Assert.Throws<ProtocolException>(() => Decode(frame));
        Assert.Contains("unknown layout 7", error.Message);
    }

    [Fact]
    public void A_batch_of_one_method_cannot_declare_more_calls_than_it_has_bytes()
    {
        // Three calls of five bytes each (a length and a letter): 15 bytes, declared as 16 calls.
        var job = new MethodMapJob<string?, string?>(["a", "b", "c"], WireMethods.Methods.Echo, new MapOptions(), streaming: false, CancellationToken.None);
        byte[] frame = Write(job, 3);
        int countOffset = LayoutOffset() - 1 - sizeof(int);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(countOffset), 16);

        var error = Assert.Throws<ProtocolException>(() => Decode(frame));
        Assert.Contains("declares 16 calls", error.Message);
    }

    private static byte[] Write(WorkJob job, int count)
    {
        job.Prepare(0, count);
        var writer = new WireWriter();
        SliceWriter.Write(writer, new WorkSlice(job, 0, count) { Id = 1 }, int.MaxValue);
        return writer.WrittenSpan.ToArray();
    }

    private static MethodMapJob<long, long> NewTwiceMap(long[] items) =>
        new(items, PoolMethods.Methods.Twice, new MapOptions(), streaming: false, CancellationToken.None);

    private static ReceivedBatch Decode(byte[] frame) => RequestDecoder.ReadCall(frame.AsSpan(ProtocolConstants.HeaderBytes));

    /// <summary>After the header, batch id, assembly name, call count and an absent trace context.</summary>
    private static int LayoutOffset() =>
        ProtocolConstants.HeaderBytes + 4 + 4 + Encoding.UTF8.GetByteCount(SampleCalls.Assembly) + 4 + 1;

    /// <summary>A method that says its arguments and results cross as their bytes, which only a type without references can.</summary>
    private sealed class RawClaim<T>() : RemoteMethod<T, T>(SampleCalls.Assembly, 0x4321, "Tests.RawClaim", observesCancellation: false)
    {
        protected override bool ArgumentsAreRawBytes => true;

        protected override bool ResultIsRawBytes => true;

        protected override void WriteArguments(WireWriter writer, T arguments) => throw new NotSupportedException();

        protected override T ReadResult(ref WireReader reader) => throw new NotSupportedException();
    }

    /// <summary>A method as a generator could make one for an argument of no bytes (an empty struct).</summary>
    private sealed class NoArgumentBytes() : RemoteMethod<int, int>(SampleCalls.Assembly, 0x1234, "Tests.NoArgumentBytes", observesCancellation: false)
    {
        protected override void WriteArguments(WireWriter writer, int arguments)
        {
        }

        protected override int ReadResult(ref WireReader reader) => reader.ReadInt32();
    }
}
