namespace Parallelize.Sharing;

/// <summary>
/// The base of every cross-process primitive (<see cref="ProcessLock"/>, <c>ProcessQueue&lt;T&gt;</c>,
/// <c>SharedArray&lt;T&gt;</c>, ...). Its state lives in a shared-memory segment; passing it to a
/// <c>[RunInProcess]</c> method sends a handle to that memory, not a copy, and the child attaches to the same state.
/// </summary>
/// <remarks>
/// <see cref="Dispose"/> detaches this process's view; other processes keep theirs. The kernel frees the memory once
/// every process that attached has disposed its view or exited, however it exited: nothing is ever named in
/// <c>/dev/shm</c>. A process that passes an object must keep it undisposed until the receiver has attached (for a
/// call, until the call has started).
/// </remarks>
public abstract unsafe class SharedObject : IDisposable
{
    private int _disposed;

    /// <summary>Takes over one reference to <paramref name="segment"/>, released by <see cref="Dispose"/>.</summary>
    private protected SharedObject(SharedSegment segment, long offset)
    {
        Segment = segment;
        Offset = offset;
        Block = segment.Base + offset;
    }

    internal SharedSegment Segment { get; }

    /// <summary>Where this object's block starts in the segment.</summary>
    internal long Offset { get; }

    /// <summary>The block's first byte in this process.</summary>
    private protected byte* Block { get; }

    /// <summary>Detaches this process's view of the shared state.</summary>
    /// <remarks>Do not call it while another thread of this process still uses the object.</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            OnDisposing();
            Segment.Release();
        }
    }

    /// <summary>Runs once, before this view's reference is released: a pipe end closes itself, a
    /// <c>SharedValue&lt;T&gt;</c> disposes the lock it made over the same segment.</summary>
    private protected virtual void OnDisposing()
    {
    }

    /// <summary>Throws once this view is disposed: its memory may be unmapped.</summary>
    private protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed != 0, this);

    /// <summary>Writes this object's handle; <see cref="Serialization.WireWriter.WriteShared"/> calls it.</summary>
    internal void WriteHandle(Serialization.WireWriter writer)
    {
        ThrowIfDisposed();
        Segment.WriteHandle(writer, Offset);
    }
}
