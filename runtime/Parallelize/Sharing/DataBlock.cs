using Parallelize.Serialization;

namespace Parallelize.Sharing;

/// <summary>
/// The layout of a block of plain data (<c>SharedValue&lt;T&gt;</c>, <c>SharedArray&lt;T&gt;</c>): the block header
/// with the element size and, in its spare bytes, the element count and whether a lock follows; the elements from the
/// block's second cache line on; then, optionally, a <see cref="ProcessLock"/> block in the same segment.
/// </summary>
internal static unsafe class DataBlock
{
    /// <summary>Where the elements start in the block: 64-byte aligned, and on another cache line than the header.</summary>
    public const int DataOffset = SharedSegment.BlockAlignment;

    private const int LengthOffset = 8;
    private const int FlagsOffset = 12;
    private const int HasLock = 1;

    /// <summary>Creates a segment with a zero-filled data block of <paramref name="length"/> elements at
    /// <see cref="SharedSegment.HeaderBytes"/>, followed by a free lock when <paramref name="withLock"/>.</summary>
    public static SharedSegment Create(SharedKind kind, int elementSize, int length, bool withLock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long dataBytes = SharedSegment.AlignUp((long)length * elementSize);
        var segment = SharedSegment.Create(DataOffset + dataBytes + (withLock ? ProcessLock.BlockSize : 0));
        long offset = SharedSegment.HeaderBytes;
        segment.InitializeBlock(offset, kind, elementSize);
        *(int*)(segment.Base + offset + LengthOffset) = length;
        *(int*)(segment.Base + offset + FlagsOffset) = withLock ? HasLock : 0;
        if (withLock)
        {
            ProcessLock.InitializeBlock(segment, LockOffset(offset, elementSize, length));
        }

        return segment;
    }

    /// <summary>The element count of the data block at <paramref name="offset"/>.</summary>
    public static int Length(SharedSegment segment, long offset) => *(int*)(segment.Base + offset + LengthOffset);

    /// <summary>A new view of the block's lock, with its own reference to the segment; null when it has none.</summary>
    public static ProcessLock? OpenLock(SharedSegment segment, long offset, int elementSize)
    {
        if ((*(int*)(segment.Base + offset + FlagsOffset) & HasLock) == 0)
        {
            return null;
        }

        segment.AddReference();
        return new ProcessLock(segment, LockOffset(offset, elementSize, Length(segment, offset)));
    }

    /// <summary>
    /// Reads a handle to a data block of <paramref name="kind"/> with <paramref name="elementSize"/>-byte elements and
    /// checks that its elements (and its lock, if any) lie inside the segment; null for a null handle.
    /// </summary>
    /// <exception cref="ProtocolException">The handle names no such block.</exception>
    public static (SharedSegment Segment, long Offset)? Attach(ref WireReader reader, SharedKind kind, int elementSize)
    {
        if (SharedSegment.Read(ref reader, kind, elementSize) is not { } found)
        {
            return null;
        }

        (SharedSegment segment, long offset) = found;
        try
        {
            int length = Length(segment, offset);
            int flags = *(int*)(segment.Base + offset + FlagsOffset);
            long end = length < 0 ? long.MaxValue : offset + DataOffset + ((long)length * elementSize);
            if (end > segment.Length || (flags & ~HasLock) != 0)
            {
                throw new ProtocolException(
                    $"A {kind} handle names a block of {length} {elementSize}-byte elements that does not fit its segment.");
            }

            if ((flags & HasLock) != 0)
            {
                segment.CheckBlock(LockOffset(offset, elementSize, length), SharedKind.Lock, 0);
            }
        }
        catch
        {
            segment.Release();
            throw;
        }

        return found;
    }

    private static long LockOffset(long offset, int elementSize, int length) =>
        offset + DataOffset + SharedSegment.AlignUp((long)length * elementSize);
}
