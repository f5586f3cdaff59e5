using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Parallelize.Bulk;
using Parallelize.Serialization;

namespace Parallelize.Tests.Wire;

/// <summary>
/// Blocks written to and read from one shared-memory region within this process, with hand-built references for the
/// corrupt cases: a reference is checked before anything is allocated for it or read through it.
/// </summary>
public sealed unsafe class SharedBlockTests : IDisposable
{
    private const long Capacity = 1024 * 1024;
    private const int Threshold = 1024;

    private readonly byte* _region = (byte*)NativeMemory.AllocZeroed((nuint)Capacity);

    public void Dispose() => NativeMemory.Free(_region);

    private BulkSender NewSender(bool reclaimConsumed = false) => new(_region, Capacity, Threshold, reclaimConsumed);

    private BulkReceiver NewReceiver() => new(_region, Capacity);

    [Fact]
    public void Blocks_from_the_threshold_on_go_to_shared_memory_and_read_back()
    {
        var writer = new WireWriter { Bulk = NewSender() };
        double[] small = [.. Enumerable.Range(0, (Threshold / 8) - 1).Select(static i => i * 1.5)];
        double[] large = [.. Enumerable.Range(0, Threshold / 8).Select(static i => i * 2.5)];
        int[] larger = [.. Enumerable.Range(0, 10_000)];

        writer.WriteUnmanagedArray(small);
        int afterSmall = writer.Length;
        writer.WriteUnmanagedArray(large);
        writer.WriteUnmanagedArray(larger);
        writer.WriteUnmanagedArray<double>(null);
        writer.WriteUnmanagedArray<double>([]);

        Assert.Equal(4 + (small.Length * 8), afterSmall);
        Assert.Equal(afterSmall + (2 * BulkBlock.ReferenceBytes) + 4 + 4, writer.Length);
        var reader = new WireReader(writer.WrittenSpan, NewReceiver());
        Assert.Equal(small, reader.ReadUnmanagedArray<double>());
        Assert.Equal(large, reader.ReadUnmanagedArray<double>());
        Assert.Equal(larger, reader.ReadUnmanagedArray<int>());
        Assert.Null(reader.ReadUnmanagedArray<double>());
        Assert.Empty(reader.ReadUnmanagedArray<double>()!);
        reader.EnsureEnd();
    }

    [Fact]
    public void A_block_is_read_once_and_a_reused_one_is_reused_at_the_lowest_offset()
    {
        BulkSender sender = NewSender(reclaimConsumed: true);
        var writer = new WireWriter { Bulk = sender };
        writer.WriteUnmanagedArray(new long[1000]);
        var reader = new WireReader(writer.WrittenSpan, NewReceiver());
        Assert.Equal(1000, reader.ReadUnmanagedArray<long>()!.Length);

        // The receiver marked it consumed: the same message read again is refused, and the next block takes its place.
        Assert.Throws<ProtocolException>(() => new WireReader(writer.WrittenSpan, NewReceiver()).ReadUnmanagedArray<long>());
        long first = OffsetIn(writer.WrittenSpan);
        writer.Reset();
        writer.WriteUnmanagedArray(new long[2000]);
        Assert.Equal(first, OffsetIn(writer.WrittenSpan));
        Assert.Equal(1, sender.LiveBlocks);
    }

    [Fact]
    public void Claimed_blocks_stay_until_freed_and_discarded_ones_go_at_once()
    {
        BulkSender sender = NewSender();
        var writer = new WireWriter { Bulk = sender };
        long mark = sender.Mark();
        writer.WriteUnmanagedArray(new byte[4096]);
        writer.WriteUnmanagedArray(new byte[4096]);
        long[] claimed = sender.Claim(mark)!;
        long discardMark = sender.Mark();
        writer.WriteUnmanagedArray(new byte[4096]);

        Assert.Equal(2, claimed.Length);
        Assert.Equal(3, sender.LiveBlocks);
        sender.Discard(discardMark);
        Assert.Equal(2, sender.LiveBlocks);
        Assert.Null(sender.Claim(discardMark));
        sender.Free(claimed);
        Assert.Equal(0, sender.LiveBlocks);
    }

    [Fact]
    public void A_block_that_finds_no_room_goes_in_the_message()
    {
        var writer = new WireWriter { Bulk = NewSender() };
        byte[] tooLarge = new byte[Capacity];
        tooLarge[^1] = 7;

        writer.WriteUnmanagedArray(tooLarge);

        Assert.Equal(4 + Capacity, writer.Length);
        Assert.Equal(tooLarge, new WireReader(writer.WrittenSpan, NewReceiver()).ReadUnmanagedArray<byte>());
    }

    [Fact]
    public void A_closed_sender_refuses_blocks()
    {
        BulkSender sender = NewSender();
        sender.Close();
        var writer = new WireWriter { Bulk = sender };

        writer.WriteUnmanagedArray(new byte[Threshold]);

        Assert.Equal(4 + Threshold, writer.Length);
    }

    [Fact]
    public void References_outside_the_region_or_disagreeing_with_the_block_are_protocol_errors()
    {
        var writer = new WireWriter { Bulk = NewSender() };
        writer.WriteUnmanagedArray(new double[1000]);
        long offset = OffsetIn(writer.WrittenSpan);

        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(1000, Capacity)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(1000, Capacity - 64)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(1000, 0)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(1000, -64)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(1000, offset + 8)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(999, offset)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(1001, offset)));
        Assert.Throws<ProtocolException>(() => Read<float>(BlockReferences.Shared(1000, offset)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(-5, offset)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(int.MaxValue, offset)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(1000, long.MaxValue)));
        Assert.Throws<ProtocolException>(() => Read<double>(BlockReferences.Shared(1000, offset)[..8]));
        Assert.Equal(1000, Read<double>(BlockReferences.Shared(1000, offset)).Length);
    }

    [Fact]
    public void A_reference_where_nothing_is_shared_is_a_protocol_error()
    {
        var writer = new WireWriter { Bulk = NewSender() };
        writer.WriteUnmanagedArray(new double[1000]);

        byte[] message = writer.WrittenSpan.ToArray();
        Assert.Throws<ProtocolException>(() => new WireReader(message).ReadUnmanagedArray<double>());
    }

    private T[] Read<T>(byte[] message) where T : unmanaged
    {
        var reader = new WireReader(message, NewReceiver());
        return reader.ReadUnmanagedArray<T>()!;
    }

    private static long OffsetIn(ReadOnlySpan<byte> reference)
    {
        Assert.Equal(BulkBlock.SharedMarker, BinaryPrimitives.ReadInt32LittleEndian(reference));
        return BinaryPrimitives.ReadInt64LittleEndian(reference[8..]);
    }
}
