using System.ComponentModel;

namespace Parallelize.Sharing;

/// <summary>
/// Marks a shared object whose items cross as serialized values of <typeparamref name="T"/>
/// (<c>ProcessQueue&lt;T&gt;</c>, <c>ProcessPipe&lt;T&gt;</c>): for each such type that a <c>[RunInProcess]</c>
/// method takes, the generator registers <typeparamref name="T"/>'s serializer with
/// <see cref="Serialization.WireCodec{T}"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISharedChannel<T>
{
}
