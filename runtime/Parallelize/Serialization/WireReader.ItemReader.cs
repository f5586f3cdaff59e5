namespace Parallelize.Serialization;

public ref partial struct WireReader
{
    /// <summary>Reads one value, as the generated serializer of <typeparamref name="T"/> does.</summary>
    public delegate T ItemReader<out T>(ref WireReader reader);
}
