using Parallelize.Serialization;

namespace Parallelize.Tests.Wire;

public sealed class WireReaderTests
{
    [Fact]
    public void Every_value_reads_back_as_written()
    {
        var writer = new WireWriter(16);
        writer.WriteBoolean(true);
        writer.WriteSByte(-5);
        writer.WriteInt16(-300);
        writer.WriteUInt16(60000);
        writer.WriteChar('é');
        writer.WriteInt32(-7);
        writer.WriteUInt32(uint.MaxValue);
        writer.WriteInt64(long.MinValue);
        writer.WriteUInt64(ulong.MaxValue);
        writer.WriteIntPtr(-1);
        writer.WriteUIntPtr(nuint.MaxValue);
        writer.WriteSingle(1.5f);
        writer.WriteDouble(-2.25);
        writer.WriteDecimal(-1.5m);
        writer.WriteString("grüße 😀");
        writer.WriteString(null);
        writer.WriteUnmanagedArray(new[] { 1.0, 2.0 });
        writer.WriteCount(2);
        writer.WriteString("a");
        writer.WriteString(null);

        var reader = new WireReader(writer.WrittenSpan);

        Assert.True(reader.ReadBoolean());
        Assert.Equal(-5, reader.ReadSByte());
        Assert.Equal(-300, reader.ReadInt16());
        Assert.Equal(60000, reader.ReadUInt16());
        Assert.Equal('é', reader.ReadChar());
        Assert.Equal(-7, reader.ReadInt32());
        Assert.Equal(uint.MaxValue, reader.ReadUInt32());
        Assert.Equal(long.MinValue, reader.ReadInt64());
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.Equal(-1, reader.ReadIntPtr());
        Assert.Equal(nuint.MaxValue, reader.ReadUIntPtr());
        Assert.Equal(1.5f, reader.ReadSingle());
        Assert.Equal(-2.25, reader.ReadDouble());
        Assert.Equal(-1.5m, reader.ReadDecimal());
        Assert.Equal("grüße 😀", reader.ReadString());
        Assert.Null(reader.ReadString());
        Assert.Equal(new[] { 1.0, 2.0 }, reader.ReadUnmanagedArray<double>());
        Assert.Equal(2, reader.ReadCount(minimumItemBytes: 4));
        Assert.Equal("a", reader.ReadString());
        Assert.Null(reader.ReadString());
        reader.EnsureEnd();
    }

    [Fact]
    public void Truncated_input_is_a_protocol_error()
    {
        byte[] threeBytes = [1, 2, 3];
        Assert.Throws<ProtocolException>(() => new WireReader(threeBytes).ReadInt32());
    }

    [Fact]
    public void A_length_beyond_the_remaining_bytes_is_rejected_before_allocation()
    {
        var writer = new WireWriter();
        writer.WriteInt32(int.MaxValue);

        Assert.Throws<ProtocolException>(() => new WireReader(writer.WrittenSpan).ReadUnmanagedArray<long>());
        Assert.Throws<ProtocolException>(() => new WireReader(writer.WrittenSpan).ReadString());
        Assert.Throws<ProtocolException>(() => new WireReader(writer.WrittenSpan).ReadCount());
    }

    [Fact]
    public void Negative_lengths_other_than_null_are_rejected()
    {
        var writer = new WireWriter();
        writer.WriteInt32(-2);
        Assert.Throws<ProtocolException>(() => new WireReader(writer.WrittenSpan).ReadString());
    }

    [Fact]
    public void Invalid_booleans_utf8_and_decimals_are_rejected()
    {
        byte[] two = [2];
        byte[] badUtf8 = [2, 0, 0, 0, 0xC3, 0x28];
        byte[] badDecimal = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];

        Assert.Throws<ProtocolException>(() => new WireReader(two).ReadBoolean());
        Assert.Throws<ProtocolException>(() => new WireReader(badUtf8).ReadString());
        Assert.Throws<ProtocolException>(() => new WireReader(badDecimal).ReadDecimal());
    }

    [Fact]
    public void Trailing_bytes_are_a_protocol_error()
    {
        byte[] data = [1, 0];
        var reader = new WireReader(data);
        reader.ReadByte();

        try
        {
            reader.EnsureEnd();
            Assert.Fail("EnsureEnd accepted a trailing byte");
        }
        catch (ProtocolException)
        {
        }
    }
    [Fact]
    public void Raw_records_are_read_while_the_marker_holds_and_the_destination_has_room()
    {
        const byte Marker = 0;
        var writer = new WireWriter(64);
        foreach (long value in new[] { long.MinValue, -1, 0, long.MaxValue })
        {
            writer.WriteByte(Marker);
            writer.WriteInt64(value);
        }

        writer.WriteByte(1); // another outcome ends the run, though as many bytes as a record follow it
        writer.WriteInt64(99);
        writer.WriteByte(Marker);
        writer.WriteInt32(7); // a record cut short: 4 of its 8 bytes
        byte[] bytes = writer.WrittenSpan.ToArray();

        var destination = new long[6];
        var reader = new WireReader(bytes);
        Assert.Equal(3, reader.ReadRawRecords(Marker, destination.AsSpan(0, 3)));
        Assert.Equal(1, reader.ReadRawRecords(Marker, destination.AsSpan(3)));
        Assert.Equal([long.MinValue, -1, 0, long.MaxValue, 0, 0], destination);
        Assert.Equal(0, reader.ReadRawRecords(Marker, destination.AsSpan(4)));
        Assert.Equal(1, reader.ReadByte());
        Assert.Equal(99, reader.ReadInt64());

        // The cut record is left for the checked path, which reports it.
        Assert.Equal(0, reader.ReadRawRecords(Marker, destination.AsSpan(4)));
        Assert.True(reader.TrySkip(Marker));
        try
        {
            reader.ReadRawValue<long>();
            Assert.Fail("a cut record read as a value");
        }
        catch (ProtocolException)
        {
        }
    }
}
