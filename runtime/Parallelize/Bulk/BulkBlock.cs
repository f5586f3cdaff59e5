namespace Parallelize.Bulk;

/// <summary>
/// The layout of one block in a <see cref="BulkSegment"/> region, and of its reference in a message. A block is a
/// 64-byte header (the data's length, then its state) followed by the data; both start on a 64-byte boundary, so a
/// copy never shares a cache line with another block. The header lets the receiver check a reference against what the
/// sender wrote, and lets the receiver say when it has copied the data out.
/// </summary>
internal static unsafe class BulkBlock
{
    /// <summary>Where a message carries a block's count, this value says the block is in shared memory: the count and
    /// the data's offset follow. A plain count is -1 (null) or more, so older readers reject it as corrupt.</summary>
    public const int SharedMarker = -2;

    /// <summary>The bytes a reference takes in a message: the marker, the item count and the data's offset.</summary>
    public const int ReferenceBytes = 4 + 4 + 8;

    /// <summary>Where a message carries a block's count, this value says the sender lent the block: the count, the
    /// offset of its header-only block in shared memory (which says when the receiver is done) and the data's address
    /// in the sender follow. See <see cref="BulkSender.TryLend{T}"/>.</summary>
    public const int LentMarker = -3;

    /// <summary>The bytes a lent block's reference takes: the marker, the item count, the offset and the address.</summary>
    public const int LentReferenceBytes = 4 + 4 + 8 + 8;

    public const int HeaderBytes = 64;

    public const int Alignment = 64;

    /// <summary>The sender has written the data and not yet reused the block.</summary>
    public const long Written = 1;

    /// <summary>The receiver has copied the data out; the sender may reuse the block.</summary>
    public const long Consumed = 2;

    /// <summary>A header-only block standing for data the sender keeps pinned in its own memory until consumed.</summary>
    public const long Lent = 3;

    /// <summary>The region bytes a block of <paramref name="dataBytes"/> occupies, header included.</summary>
    public static long Size(long dataBytes) => HeaderBytes + ((dataBytes + Alignment - 1) & ~(long)(Alignment - 1));

    public static void WriteHeader(byte* block, long dataBytes, long state = Written)
    {
        long* header = (long*)block;
        header[0] = dataBytes;
        Volatile.Write(ref header[1], state);
    }

    public static long Length(byte* block) => Volatile.Read(ref ((long*)block)[0]);

    public static long State(byte* block) => Volatile.Read(ref ((long*)block)[1]);

    /// <summary>Marks the block consumed, after every read of its data: the sender may overwrite it from now on.</summary>
    public static void MarkConsumed(byte* block) => Volatile.Write(ref ((long*)block)[1], Consumed);

    /// <summary>Marks a lent block consumed and wakes the lender if it waits for that (see <see cref="WaitWhileLent"/>).</summary>
    public static void MarkLentConsumed(byte* block)
    {
        MarkConsumed(block);
        Native.Futex.Wake(StateWord(block), int.MaxValue);
    }

    /// <summary>Sleeps while a lent block is not consumed, at most <paramref name="timeoutMs"/>; the caller looks again.</summary>
    public static void WaitWhileLent(byte* block, int timeoutMs)
    {
        if (State(block) == Lent)
        {
            Native.Futex.Wait(StateWord(block), (int)Lent, timeoutMs);
        }
    }

    /// <summary>The 32 bits of the state a futex waits on: its low half, as every state fits in it.</summary>
    private static int* StateWord(byte* block) => (int*)(block + 8) + (BitConverter.IsLittleEndian ? 0 : 1);
}
