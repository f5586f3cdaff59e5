using System.Buffers.Binary;
using Parallelize.Generated;
using Parallelize.Serialization;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests.Wire;

/// <summary>
/// The generated readers of this assembly on bytes no writer produces: each is a <see cref="ProtocolException"/>,
/// never a stack overflow, a collection's own exception or an invalid value.
/// </summary>
public sealed class GeneratedReaderTests
{
    [Fact]
    public void Objects_nested_past_the_limit_are_refused_before_the_stack_is_at_risk()
    {
        // Node: presence, Value, Next (presence ...): 100,000 levels fit in half a megabyte.
        var bytes = new List<byte>();
        for (int i = 0; i < 100_000; i++)
        {
            bytes.Add(1);
            bytes.AddRange(BitConverter.GetBytes(i));
        }

        var error = Assert.Throws<ProtocolException>(() => Read<Node>(bytes.ToArray()));
        Assert.Contains($"more than {WireWriter.MaxDepth} deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dictionary_with_a_key_twice_is_a_protocol_error()
    {
        var writer = new WireWriter();
        writer.WriteCount(2);
        writer.WriteInt32(7);
        writer.WriteString("a");
        writer.WriteInt32(7);
        writer.WriteString("b");

        var error = Assert.Throws<ProtocolException>(() => ReadDictionary(writer.WrittenSpan.ToArray()));
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_no_derived_type_has_is_a_protocol_error()
    {
        var error = Assert.Throws<ProtocolException>(() => Read<Shape>([3]));
        Assert.Contains("Tag 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_larger_than_the_message_is_refused_before_allocating()
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, int.MaxValue);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ProtocolException>(() => Read<List<string?>>(bytes));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Theory]
    [InlineData(0xFFFFFFFFFFFFFFFFUL)] // kind 3 does not exist
    [InlineData(0x3FFFFFFFFFFFFFFFUL)] // ticks past DateTime.MaxValue
    public void DateTime_bits_out_of_range_are_a_protocol_error(ulong bits)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, bits);
        Assert.Throws<ProtocolException>(() => new WireReader(bytes).ReadDateTime());
    }

    private static T Read<T>(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        object? value = typeof(T) switch
        {
            var t when t == typeof(Node) => ReadNode(ref reader),
            var t when t == typeof(Shape) => ReadShape(ref reader),
            _ => ReadStrings(ref reader),
        };
        return (T)value!;

        static object? ReadNode(ref WireReader reader)
        {
            Serializers_Parallelize_Tests.Read(ref reader, out Node value);
            return value;
        }

        static object? ReadShape(ref WireReader reader)
        {
            Serializers_Parallelize_Tests.Read(ref reader, out Shape value);
            return value;
        }

        static object? ReadStrings(ref WireReader reader)
        {
            Serializers_Parallelize_Tests.Read(ref reader, out List<string?> value);
            return value;
        }
    }

    private static IReadOnlyDictionary<int, string?> ReadDictionary(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        Serializers_Parallelize_Tests.Read(ref reader, out IReadOnlyDictionary<int, string?> value);
        return value;
    }
}
