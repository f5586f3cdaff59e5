using System.Buffers;
using System.Text.Json;
using SerializerBench.Model;

namespace SerializerBench;

/// <summary>
/// System.Text.Json's side, as fast as it fairly goes: the source-generated context, default options, and a reused
/// <see cref="Utf8JsonWriter"/> over a reused buffer, so no call allocates an output array (as
/// <c>SerializeToUtf8Bytes</c> would) and the writer's own state is not rebuilt per call.
/// </summary>
public sealed class JsonCodec
{
    private readonly ArrayBufferWriter<byte> _buffer = new(initialCapacity: 8192);
    private readonly Utf8JsonWriter _writer;

    public JsonCodec()
    {
        // What JsonSerializer uses for its own pooled writers in a release build: validation off, since the generated
        // code writes well-formed JSON by construction.
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>The bytes stay in the buffer, valid until the next call.</summary>
    public ReadOnlySpan<byte> Serialize(Order order)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, order, OrderJsonContext.Default.Order);
        return _buffer.WrittenSpan;
    }

    public static Order Deserialize(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize(bytes, OrderJsonContext.Default.Order)
        ?? throw new InvalidOperationException("The JSON held null.");
}
