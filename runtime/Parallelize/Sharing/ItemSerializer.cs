using Parallelize.Serialization;

namespace Parallelize.Sharing;

/// <summary>Serializes channel items into a buffer per thread, reused for every item that thread sends.</summary>
internal static class ItemSerializer
{
    [ThreadStatic]
    private static WireWriter? t_writer;

    /// <summary>The bytes of <paramref name="item"/>, valid until this thread serializes the next item.</summary>
    public static ReadOnlySpan<byte> Serialize<T>(T item)
    {
        WireWriter writer = t_writer ??= new WireWriter(256);
        writer.Reset();
        WireCodec<T>.Writer(writer, item);
        return writer.WrittenSpan;
    }
}
