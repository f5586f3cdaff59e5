namespace Parallelize.Serialization;

public ref partial struct WireReader
{
    /// <summary>
    /// Reads a collection's item count written by <see cref="WireWriter.WriteCount"/>: -1 for null, else a count the
    /// rest of the message can hold (every item takes at least one byte), so a corrupt count cannot make the reader
    /// allocate more than the message is worth.
    /// </summary>
    public int ReadCount() => ReadLength(elementSize: 1);
}
