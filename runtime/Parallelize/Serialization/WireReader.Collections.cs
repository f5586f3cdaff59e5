namespace Parallelize.Serialization;

public ref partial struct WireReader
{
    /// <summary>
    /// Reads a collection's item count written by <see cref="WireWriter.WriteCount"/>: -1 for null, else a count the
    /// rest of the message can hold (every item takes at least one byte), so a corrupt count cannot make the reader
    /// allocate more than the message is worth.
    /// </summary>
    public int ReadCount() => ReadLength(elementSize: 1);

    /// <summary>
    /// Like <see cref="ReadCount()"/> for items that take at least <paramref name="minimumItemBytes"/> each on the wire
    /// (4 for a string's length, 16 for a decimal), so the count is held to what the rest of the message can hold.
    /// </summary>
    public int ReadCount(int minimumItemBytes) => ReadLength(Math.Max(minimumItemBytes, 1));
}
