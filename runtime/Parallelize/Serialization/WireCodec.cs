using System.ComponentModel;

namespace Parallelize.Serialization;

/// <summary>
/// The serializer of <typeparamref name="T"/> for items of shared channels (<c>ProcessQueue&lt;T&gt;</c>,
/// <c>ProcessPipe&lt;T&gt;</c>), which are created with <c>new</c> and so cannot be handed one by generated code.
/// Primitives, strings and byte arrays are built in; the generator registers every other item type that a
/// <c>[RunInProcess]</c> method's channel parameter uses, from a module initializer of that method's assembly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WireCodec<T>
{
    private static WireWriter.ItemWriter<T>? _write = BuiltInCodecs.Writer<T>();
    private static WireReader.ItemReader<T>? _read = BuiltInCodecs.Reader<T>();

    /// <summary>Registers the serializer pair; the first registration wins (every assembly generates the same format).</summary>
    public static void Register(WireWriter.ItemWriter<T> write, WireReader.ItemReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(read);
        Interlocked.CompareExchange(ref _read, read, null);
        Interlocked.CompareExchange(ref _write, write, null);
    }

    internal static WireWriter.ItemWriter<T> Writer => _write ?? throw Missing();

    internal static WireReader.ItemReader<T> Reader => _read ?? throw Missing();

    private static InvalidOperationException Missing() => new(
        $"No serializer is registered for items of type {typeof(T)}. The generator writes one for each ProcessQueue<T> " +
        "or ProcessPipe<T> that a [RunInProcess] method takes as a parameter; declare such a method in this " +
        "application (or call one from the library that declares it) before using the channel.");
}
