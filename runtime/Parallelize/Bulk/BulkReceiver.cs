namespace Parallelize.Bulk;

/// <summary>
/// The reading side of one <see cref="BulkSegment"/> region. A reference comes from the other process, so it is checked
/// against the region's bounds and the block's header before anything is allocated for it or read through it: a
/// corrupt one is a <see cref="ProtocolException"/>, never a read outside the mapping.
/// </summary>
internal sealed unsafe class BulkReceiver
{
    private readonly byte* _region;
    private readonly long _capacity;

    /// <param name="region">The region's first byte in this process.</param>
    /// <param name="capacity">The region's size in bytes.</param>
    public BulkReceiver(byte* region, long capacity)
    {
        _region = region;
        _capacity = capacity;
    }

    /// <summary>The process lent blocks are read from: the worker in the parent, the parent in a worker; 0 until known.</summary>
    public int PeerPid { get; set; }

    /// <summary>For tests: runs with the lender's pid before a lent block is copied, so a test can end the lender in the
    /// microseconds between its answer and the read.</summary>
    internal static Action<int>? BeforeLentCopy { get; set; }

    /// <summary>Checks that <paramref name="offset"/> holds a written block of exactly <paramref name="byteCount"/> bytes.</summary>
    /// <exception cref="ProtocolException">The reference points outside the region or disagrees with the block.</exception>
    public void Check(long offset, long byteCount) => CheckBlock(offset, byteCount, lent: false);

    /// <summary>
    /// Checks that <paramref name="offset"/> holds the header-only block of a lent block of exactly
    /// <paramref name="byteCount"/> bytes, at most the region's size: the limit a lender keeps to.
    /// </summary>
    /// <exception cref="ProtocolException">The reference points outside the region or disagrees with the block.</exception>
    public void CheckLent(long offset, long byteCount) => CheckBlock(offset, byteCount, lent: true);

    private void CheckBlock(long offset, long byteCount, bool lent)
    {
        // A lent block's data lies in the lender, so only its header must fit the region.
        long bytesInRegion = lent ? 0 : byteCount;
        string kind = lent ? "lent" : "shared-memory";
        if (offset < BulkBlock.HeaderBytes || offset % BulkBlock.Alignment != 0 || byteCount < 0 || byteCount > _capacity ||
            bytesInRegion > _capacity - offset)
        {
            throw new ProtocolException(
                $"A {kind} block of {byteCount} bytes at offset {offset} lies outside the {_capacity}-byte segment " +
                "(ChildProcessOptions.MaxSharedMemoryBytes).");
        }

        byte* block = _region + offset - BulkBlock.HeaderBytes;
        long length = BulkBlock.Length(block);
        long state = BulkBlock.State(block);
        if (lent && PeerPid == 0)
        {
            throw new ProtocolException($"A block at offset {offset} was lent to a process that cannot read the lender.");
        }

        if (length != byteCount || state != (lent ? BulkBlock.Lent : BulkBlock.Written))
        {
            throw new ProtocolException(
                $"A {kind} block at offset {offset} holds {length} bytes in state {state}; the message says " +
                $"{byteCount} bytes, {(lent ? "lent" : "written")}.");
        }
    }

    /// <summary>Copies a lent block from <paramref name="address"/> in the lender into
    /// <paramref name="destination"/>, then marks its header consumed.</summary>
    /// <exception cref="ProtocolException">The reference is corrupt (see <see cref="CheckLent"/>), or the lender's
    /// memory holds no such block.</exception>
    public void CopyLent(long offset, nint address, Span<byte> destination)
    {
        CheckLent(offset, destination.Length);
        BeforeLentCopy?.Invoke(PeerPid);
        RemoteMemory.Read(PeerPid, address, destination);
        BulkBlock.MarkLentConsumed(_region + offset - BulkBlock.HeaderBytes);
    }

    /// <summary>Copies the block at <paramref name="offset"/> into <paramref name="destination"/>, then marks it consumed.</summary>
    /// <exception cref="ProtocolException">The reference is corrupt; see <see cref="Check"/>.</exception>
    public void CopyOut(long offset, Span<byte> destination)
    {
        Check(offset, destination.Length);
        BulkCopy.Copy(new ReadOnlySpan<byte>(_region + offset, destination.Length), destination, populateDestination: true);
        BulkBlock.MarkConsumed(_region + offset - BulkBlock.HeaderBytes);
    }
}
