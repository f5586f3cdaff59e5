using System.Buffers;

namespace Parallelize.Bulk;

/// <summary>
/// The writing side of one <see cref="BulkSegment"/> region: places each large block at the lowest free offset, so
/// that blocks keep reusing the same, already mapped pages, and frees it once the receiver is done with it.
/// </summary>
/// <remarks>
/// Who frees a block depends on the direction. The parent frees the blocks of a batch's arguments when the worker has
/// answered the whole batch: a call reads its arguments before it answers, and calls cancelled before they start never
/// read theirs. A worker frees the blocks of its results once the parent has marked them consumed in their header,
/// which the parent does as it decodes each result, before it settles the call. A block whose message is dropped (a
/// serializer threw, a result was too large) is freed at once with <see cref="Discard"/>. Blocks are written under
/// the parent's pool lock or on the worker's one running thread, one writer at a time, and freed from the parent's
/// reader thread, hence the lock.
/// <para>
/// An array or memory of at least <see cref="LendThresholdBytes"/> can be lent instead (<see cref="TryLend{T}"/>): pinned where it
/// is, with a header-only block in the region for the receiver to mark consumed, and unpinned when that block is freed.
/// The receiver copies it straight out of this process (<see cref="RemoteMemory"/>), one copy instead of two.
/// </para>
/// </remarks>
internal sealed unsafe class BulkSender
{
    private readonly object _lock = new();
    private readonly byte* _region;
    private readonly long _capacity;
    private readonly bool _reclaimConsumed;

    /// <summary>The blocks in use, by offset.</summary>
    private readonly List<Block> _live = [];
    private long _nextSequence;
    private int _activeCopies;
    private bool _closed;
    private volatile bool _canLend;

    /// <summary>The lent blocks in <see cref="_live"/>.</summary>
    private int _loans;

    private static long s_lentTotal;

    /// <param name="region">The region's first byte in this process.</param>
    /// <param name="capacity">The region's size in bytes.</param>
    /// <param name="thresholdBytes">Blocks of at least this many bytes go through the region.</param>
    /// <param name="reclaimConsumed">True on the worker's side: blocks are free once the receiver marks them consumed.</param>
    public BulkSender(byte* region, long capacity, int thresholdBytes, bool reclaimConsumed)
    {
        _region = region;
        _capacity = capacity;
        _reclaimConsumed = reclaimConsumed;
        ThresholdBytes = thresholdBytes;
    }

    /// <summary>Blocks of at least this many bytes go through shared memory; smaller ones inline in the message.</summary>
    public int ThresholdBytes { get; }

    /// <summary>
    /// Arrays of at least this many bytes are lent when the receiver can read this process. Measured per echo round trip
    /// (BulkBench threshold, builds of other thresholds; docs/dev/bulk-transfer.md): at 256 KiB lending was no faster
    /// than shared memory, at 1 and 4 MiB the two were within noise of each other, and for 100 MB it saves two copies.
    /// </summary>
    public const int LendThresholdBytes = 1024 * 1024;

    /// <summary>Whether the receiver can read this process's memory: set once the other side has shown it can.</summary>
    public bool CanLend
    {
        get => _canLend;
        set => _canLend = value;
    }

    /// <summary>The blocks this process has lent, for tests and diagnostics.</summary>
    public static long LentTotal => Interlocked.Read(ref s_lentTotal);

    /// <summary>True while a lent block waits for the receiver.</summary>
    public bool HasLoans => Volatile.Read(ref _loans) > 0;

    /// <summary>The number of blocks in use, for tests.</summary>
    internal int LiveBlocks
    {
        get
        {
            lock (_lock)
            {
                return _live.Count;
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="data"/> into a free block and returns the data's offset for the message; false when no
    /// free range is large enough (or the segment is closed), and the caller sends the data inline instead.
    /// </summary>
    public bool TryWrite(ReadOnlySpan<byte> data, out long offset)
    {
        offset = 0;
        long size = BulkBlock.Size(data.Length);
        long start;
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            ReclaimConsumed();
            int index = FindFree(size, out start);
            if (index < 0)
            {
                return false;
            }

            _live.Insert(index, new Block(start, size, _nextSequence));
            Volatile.Write(ref _nextSequence, _nextSequence + 1);
            BulkBlock.WriteHeader(_region + start, data.Length);
            _activeCopies++;
        }

        try
        {
            // The segment's pages stay mapped in both processes once touched, so only the first use of a range faults.
            BulkCopy.Copy(data, new Span<byte>(_region + start + BulkBlock.HeaderBytes, data.Length), populateDestination: false);
        }
        finally
        {
            lock (_lock)
            {
                if (--_activeCopies == 0 && _closed)
                {
                    Monitor.PulseAll(_lock);
                }
            }
        }

        offset = start + BulkBlock.HeaderBytes;
        return true;
    }

    /// <summary>
    /// Lends <paramref name="values"/> for the receiver to copy out of this process: pins them until the receiver is
    /// done with them (when the block is freed, as any block is), and returns the offset of its header-only block and
    /// the values' address for the message. False when the receiver cannot read this process, the values are below
    /// <see cref="LendThresholdBytes"/> or over the region's size (the limit a receiver checks), or no block is free.
    /// </summary>
    /// <remarks>The caller must not write to the values until the call they go with completes: the receiver reads them
    /// later, where a written block is a copy taken now.</remarks>
    public bool TryLend<T>(ReadOnlyMemory<T> values, out long offset, out nint address) where T : unmanaged
    {
        offset = 0;
        address = 0;
        long bytes = (long)values.Length * sizeof(T);
        if (!_canLend || bytes < LendThresholdBytes || bytes > _capacity)
        {
            return false;
        }

        MemoryHandle pin;
        try
        {
            pin = values.Pin();
        }
        catch (NotSupportedException)
        {
            // A memory manager that cannot pin its memory: the values are copied instead.
            return false;
        }

        lock (_lock)
        {
            long size = BulkBlock.Size(0);
            ReclaimConsumed();
            int index = _closed ? -1 : FindFree(size, out offset);
            if (index < 0)
            {
                pin.Dispose();
                return false;
            }

            _live.Insert(index, new Block(offset, size, _nextSequence) { Lent = true, Pin = pin });
            _loans++;
            Interlocked.Increment(ref s_lentTotal);
            Volatile.Write(ref _nextSequence, _nextSequence + 1);
            BulkBlock.WriteHeader(_region + offset, bytes, BulkBlock.Lent);
        }

        offset += BulkBlock.HeaderBytes;
        address = (nint)pin.Pointer;
        return true;
    }

    /// <summary>
    /// Waits until the receiver has copied every lent block, so a worker's next call cannot write to an array it
    /// returned before the parent has read it. The parent reads each result as soon as its frame arrives, so this waits
    /// about as long as the copy the worker would otherwise have made itself; if the parent dies, so does the worker.
    /// </summary>
    /// <remarks>On a futex, not spinning: the parent copies on every core, and a spinning worker would take one.</remarks>
    public void WaitForLoans()
    {
        while (true)
        {
            long start = -1;
            lock (_lock)
            {
                ReclaimConsumed();
                if (_loans == 0 || _closed)
                {
                    return;
                }

                start = _live.Find(static block => block.Lent)!.Start;
            }

            // Time-limited only so that a closed sender is noticed; the receiver's wake ends the wait.
            BulkBlock.WaitWhileLent(_region + start, timeoutMs: 100);
        }
    }

    /// <summary>A mark for <see cref="Claim"/> and <see cref="Discard"/>: the blocks written after it.</summary>
    /// <remarks>Taken before every call a worker runs, so no lock: only the thread that writes blocks moves it.</remarks>
    public long Mark() => Volatile.Read(ref _nextSequence);

    /// <summary>The offsets of the blocks written since <paramref name="mark"/>, for their message's owner to
    /// <see cref="Free"/> later; null when there are none.</summary>
    public long[]? Claim(long mark)
    {
        if (Mark() == mark)
        {
            return null;
        }

        lock (_lock)
        {
            List<long>? offsets = null;
            foreach (Block block in _live)
            {
                if (block.Sequence >= mark)
                {
                    (offsets ??= []).Add(block.Start + BulkBlock.HeaderBytes);
                }
            }

            return offsets?.ToArray();
        }
    }

    /// <summary>Frees the blocks written since <paramref name="mark"/>: the message that referred to them was dropped.</summary>
    public void Discard(long mark)
    {
        if (Mark() == mark)
        {
            return;
        }

        lock (_lock)
        {
            RemoveWhere(block => block.Sequence >= mark);
        }
    }

    /// <summary>Frees blocks returned by <see cref="Claim"/> once their receiver is done with them.</summary>
    public void Free(long[] offsets)
    {
        lock (_lock)
        {
            foreach (long offset in offsets)
            {
                RemoveWhere(block => block.Start + BulkBlock.HeaderBytes == offset);
            }
        }
    }

    /// <summary>Refuses further blocks and waits for copies in progress, so the region can be unmapped.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            while (_activeCopies > 0)
            {
                Monitor.Wait(_lock);
            }

            // The other side is gone or done: nothing reads a lent array any more.
            RemoveWhere(static _ => true);
        }
    }

    /// <summary>On the worker's side, frees the blocks the parent has marked consumed. Called under the lock.</summary>
    private void ReclaimConsumed()
    {
        if (_reclaimConsumed)
        {
            RemoveWhere(block => BulkBlock.State(_region + block.Start) == BulkBlock.Consumed);
        }
    }

    /// <summary>Frees the blocks that match, and unpins the arrays of lent ones. Called under the lock.</summary>
    private void RemoveWhere(Predicate<Block> match)
    {
        _live.RemoveAll(block =>
        {
            if (!match(block))
            {
                return false;
            }

            if (block.Lent)
            {
                block.Pin.Dispose();
                _loans--;
            }

            return true;
        });
    }

    /// <summary>The index at which to insert a block of <paramref name="size"/> bytes at the lowest free offset, or -1.</summary>
    private int FindFree(long size, out long start)
    {
        long previousEnd = 0;
        for (int i = 0; i < _live.Count; i++)
        {
            if (_live[i].Start - previousEnd >= size)
            {
                start = previousEnd;
                return i;
            }

            previousEnd = _live[i].Start + _live[i].Size;
        }

        start = previousEnd;
        return _capacity - previousEnd >= size ? _live.Count : -1;
    }

    /// <param name="Start">The offset of the block's header in the region.</param>
    /// <param name="Size">The bytes the block occupies, header included.</param>
    /// <param name="Sequence">The order in which blocks were allocated, for <see cref="Mark"/>.</param>
    /// <remarks>A class, not a struct: a list of a struct is a generic instantiation that every worker would JIT-compile
    /// as it starts (about 1.5 ms), where a list of a class shares code that is precompiled.</remarks>
    private sealed record Block(long Start, long Size, long Sequence)
    {
        /// <summary>Whether the block stands for values lent from this process's memory.</summary>
        public bool Lent { get; init; }

        /// <summary>For a lent block, its values, pinned until the block is freed.</summary>
        public MemoryHandle Pin { get; init; }
    }
}
