using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Parallelize.Bulk;
using Parallelize.Serialization;

namespace Parallelize.Tests.Wire;

/// <summary>
/// Arrays lent and read back within this process (process_vm_readv of one's own memory is allowed), with hand-built
/// references for the corrupt cases: a lent reference is checked against its header-only block before anything is
/// allocated for it, and an address that holds nothing is a protocol error, never a crash.
/// </summary>
public sealed unsafe class LentBlockTests : IDisposable
{
    private const long Capacity = 16 * 1024 * 1024;
    private const int Threshold = 1024;
    private const int Count = BulkSender.LendThresholdBytes / sizeof(double);

    private readonly byte* _region = (byte*)NativeMemory.AllocZeroed((nuint)Capacity);

    public void Dispose() => NativeMemory.Free(_region);

    private BulkSender NewSender(bool canLend = true, bool reclaimConsumed = false) =>
        new(_region, Capacity, Threshold, reclaimConsumed) { CanLend = canLend };

    private BulkReceiver NewReceiver() => new(_region, Capacity) { PeerPid = Environment.ProcessId };

    [Fact]
    public void Arrays_from_the_lend_threshold_on_are_lent_and_read_back_exact()
    {
        BulkSender sender = NewSender(reclaimConsumed: true);
        var writer = new WireWriter { Bulk = sender };
        double[] lent = BulkMethodsPattern(Count + 3);
        double[] shared = BulkMethodsPattern(Count - 1);
        long read = RemoteMemory.BytesRead;

        writer.WriteUnmanagedArray(lent);
        writer.WriteUnmanagedArray(shared);

        Assert.Equal(BulkBlock.LentReferenceBytes + BulkBlock.ReferenceBytes, writer.Length);
        Assert.Equal(BulkBlock.LentMarker, BinaryPrimitives.ReadInt32LittleEndian(writer.WrittenSpan));
        Assert.True(sender.HasLoans);
        var reader = new WireReader(writer.WrittenSpan, NewReceiver());
        Assert.Equal(lent, reader.ReadUnmanagedArray<double>());
        Assert.Equal(shared, reader.ReadUnmanagedArray<double>());
        reader.EnsureEnd();
        Assert.True(RemoteMemory.BytesRead - read >= lent.Length * sizeof(double));

        // Both read: the worker's side frees them (and unpins the lent array) at its next look, and need not wait.
        Assert.Equal(2, sender.LiveBlocks);
        sender.WaitForLoans();
        Assert.False(sender.HasLoans);
        Assert.Equal(0, sender.LiveBlocks);
    }

    [Fact]
    public void Arrays_of_booleans_characters_and_structs_are_lent_too()
    {
        var writer = new WireWriter { Bulk = NewSender() };
        bool[] flags = [.. Enumerable.Range(0, BulkSender.LendThresholdBytes).Select(static i => i % 3 == 0)];
        char[] text = [.. Enumerable.Range(0, BulkSender.LendThresholdBytes / 2).Select(static i => (char)(0xD800 + (i % 2048)))];
        Guid[] ids = [.. Enumerable.Range(0, BulkSender.LendThresholdBytes / 16).Select(static i => new Guid(i, 1, 2, new byte[8]))];

        writer.WriteUnmanagedArray(flags);
        writer.WriteUnmanagedArray(text);
        writer.WriteUnmanagedArray(ids);

        Assert.Equal(3 * BulkBlock.LentReferenceBytes, writer.Length);
        var reader = new WireReader(writer.WrittenSpan, NewReceiver());
        Assert.Equal(flags, reader.ReadUnmanagedArray<bool>());
        Assert.Equal(text, reader.ReadUnmanagedArray<char>());
        Assert.Equal(ids, reader.ReadUnmanagedArray<Guid>());
    }

    [Fact]
    public void A_slice_of_an_array_and_memory_this_process_owns_are_lent_from_where_they_lie()
    {
        var writer = new WireWriter { Bulk = NewSender() };
        double[] whole = BulkMethodsPattern(Count + 10);
        using var native = new NativeBlock(Count);
        native.Memory.Span.Fill(-1.5);

        writer.WriteUnmanagedMemory<double>(whole.AsMemory(7, Count));
        writer.WriteUnmanagedMemory<double>(native.Memory);

        Assert.Equal(2 * BulkBlock.LentReferenceBytes, writer.Length);
        var reader = new WireReader(writer.WrittenSpan, NewReceiver());
        Assert.Equal(whole[7..(7 + Count)], reader.ReadUnmanagedArray<double>());
        Assert.Equal(native.Memory.ToArray(), reader.ReadUnmanagedArray<double>());
        Assert.Equal(1, native.Pins);
    }

    [Fact]
    public void Memory_that_cannot_be_pinned_is_copied_instead()
    {
        var writer = new WireWriter { Bulk = NewSender() };
        using var unpinnable = new NativeBlock(Count, canPin: false);
        unpinnable.Memory.Span.Fill(2.5);

        writer.WriteUnmanagedMemory<double>(unpinnable.Memory);

        Assert.Equal(BulkBlock.SharedMarker, BinaryPrimitives.ReadInt32LittleEndian(writer.WrittenSpan));
        Assert.Equal(unpinnable.Memory.ToArray(), new WireReader(writer.WrittenSpan, NewReceiver()).ReadUnmanagedArray<double>());
    }

    [Fact]
    public void Nothing_is_lent_before_the_receiver_can_read_this_process_nor_past_the_region()
    {
        var writer = new WireWriter { Bulk = NewSender(canLend: false) };
        writer.WriteUnmanagedArray(new double[Count]);
        Assert.Equal(BulkBlock.SharedMarker, BinaryPrimitives.ReadInt32LittleEndian(writer.WrittenSpan));

        var lender = new WireWriter { Bulk = NewSender() };
        byte[] tooLarge = new byte[Capacity + 1];
        lender.WriteUnmanagedArray(tooLarge);
        Assert.Equal(4 + tooLarge.Length, lender.Length);
    }

    [Fact]
    public void A_lent_block_stays_until_its_batch_is_freed_and_a_discarded_one_goes_at_once()
    {
        BulkSender sender = NewSender();
        var writer = new WireWriter { Bulk = sender };
        long mark = sender.Mark();
        writer.WriteUnmanagedArray(new double[Count]);
        long[] claimed = sender.Claim(mark)!;
        long discardMark = sender.Mark();
        writer.WriteUnmanagedArray(new double[Count]);

        sender.Discard(discardMark);
        Assert.Equal(1, sender.LiveBlocks);
        Assert.True(sender.HasLoans);
        sender.Free(claimed);
        Assert.Equal(0, sender.LiveBlocks);
        Assert.False(sender.HasLoans);

        writer.Reset();
        writer.WriteUnmanagedArray(new double[Count]);
        sender.Close();
        Assert.False(sender.HasLoans);
    }

    [Fact]
    public void Lent_references_that_disagree_with_their_block_or_point_nowhere_are_protocol_errors()
    {
        double[] values = BulkMethodsPattern(Count);
        var writer = new WireWriter { Bulk = NewSender() };
        writer.WriteUnmanagedArray(values);
        long offset = BinaryPrimitives.ReadInt64LittleEndian(writer.WrittenSpan[8..]);
        nint address = (nint)BinaryPrimitives.ReadInt64LittleEndian(writer.WrittenSpan[16..]);

        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Lent(Count, Capacity + 64, address)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Lent(Count, 0, address)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Lent(Count, offset + 8, address)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Lent(Count - 1, offset, address)));
        Assert.Throws<ProtocolException>(() => Read<float>(BlockReferences.Lent(Count, offset, address)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Lent(-5, offset, address)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Lent(int.MaxValue, offset, address)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Lent(Count, offset, address)[..20]));

        // An address with nothing mapped there: the kernel refuses the read, the process goes on.
        ProtocolException nowhere = Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Lent(Count, offset, 4096)));
        Assert.False(LenderGoneException.Caused(nowhere));

        // Where nothing is shared, or the peer is not known, a lent reference is refused too.
        Assert.Throws<ProtocolException>(() => new WireReader(BlockReferences.Lent(Count, offset, address)).ReadUnmanagedArray<double>());
        Assert.Throws<ProtocolException>(() =>
            new WireReader(BlockReferences.Lent(Count, offset, address), new BulkReceiver(_region, Capacity)).ReadUnmanagedArray<double>());

        // A block in shared memory is not a lent one, nor the other way round.
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(Count, offset)));
        Assert.Equal(values, Read<double>(BlockReferences.Lent(Count, offset, address)));
    }

    [Fact]
    public void A_lent_block_whose_lender_has_exited_fails_as_the_lender_gone_not_as_corrupt()
    {
        using var exited = System.Diagnostics.Process.Start("true")!;
        exited.WaitForExit();
        var writer = new WireWriter { Bulk = NewSender() };
        writer.WriteUnmanagedArray(new double[Count]);
        var receiver = new BulkReceiver(_region, Capacity) { PeerPid = exited.Id };

        ProtocolException error = Assert.Throws<ProtocolException>(
            () => new WireReader(writer.WrittenSpan, receiver).ReadUnmanagedArray<double>());

        Assert.True(LenderGoneException.Caused(error), error.ToString());
        Assert.Contains($"Process {exited.Id} exited", error.Message);
    }

    private double[] Read<T>(byte[] message) where T : unmanaged
    {
        var reader = new WireReader(message, NewReceiver());
        return [.. reader.ReadUnmanagedArray<T>()!.Select(static item => Convert.ToDouble(item))];
    }

    private static double[] BulkMethodsPattern(int count) => Methods.BulkMethods.Pattern(count, seed: 2);

    /// <summary>Memory outside the GC heap, which counts how often it is pinned, or refuses to be.</summary>
    private sealed class NativeBlock(int count, bool canPin = true) : System.Buffers.MemoryManager<double>
    {
        private readonly double* _items = (double*)NativeMemory.Alloc((nuint)count, sizeof(double));

        public int Pins { get; private set; }

        public override Span<double> GetSpan() => new(_items, count);

        public override System.Buffers.MemoryHandle Pin(int elementIndex = 0)
        {
            if (!canPin)
            {
                throw new NotSupportedException("This memory cannot be pinned.");
            }

            Pins++;
            return new System.Buffers.MemoryHandle(_items + elementIndex, pinnable: this);
        }

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => NativeMemory.Free(_items);
    }
}
