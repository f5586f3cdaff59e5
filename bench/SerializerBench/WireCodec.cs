using Parallelize.Generated;
using Parallelize.Serialization;
using SerializerBench.Model;

namespace SerializerBench;

/// <summary>
/// Our side: the generated serializer with one reused <see cref="WireWriter"/>, as the runtime uses one per
/// connection.
/// </summary>
public sealed class WireCodec
{
    private readonly WireWriter _writer = new(initialCapacity: 4096);

    /// <summary>The bytes stay in the writer's buffer, valid until the next call.</summary>
    public ReadOnlySpan<byte> Serialize(Order order)
    {
        _writer.Reset();
        Serializers_SerializerBench.Write(_writer, order);
        return _writer.WrittenSpan;
    }

    public static Order Deserialize(ReadOnlySpan<byte> bytes)
    {
        var reader = new WireReader(bytes);
        Serializers_SerializerBench.Read(ref reader, out Order order);
        // The runtime checks a message was read to its end; so does JsonSerializer.Deserialize.
        reader.EnsureEnd();
        return order;
    }
}
