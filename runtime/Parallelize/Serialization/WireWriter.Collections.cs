using System.Buffers.Binary;

namespace Parallelize.Serialization;

public sealed partial class WireWriter
{
    /// <summary>Writes the item count of a collection; -1 stands for a null collection.</summary>
    public void WriteCount(int count) => WriteInt32(count);

    /// <summary>
    /// Reserves room for a count not yet known, such as that of an <see cref="IEnumerable{T}"/> written as it is
    /// enumerated; fill it with <see cref="PatchCount"/>.
    /// </summary>
    /// <returns>Where the count goes.</returns>
    public int ReserveCount()
    {
        int at = _position;
        WriteInt32(0);
        return at;
    }

    /// <summary>Writes the count reserved at <paramref name="at"/> by <see cref="ReserveCount"/>.</summary>
    public void PatchCount(int at, int count) => BinaryPrimitives.WriteInt32LittleEndian(At(at, 4), count);
}
