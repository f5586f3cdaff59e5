using System.ComponentModel;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A reentrant lock shared by processes (Python's <c>multiprocessing.RLock</c>): pass it to <c>[RunInProcess]</c>
/// methods, and at most one thread of one process holds it at a time. The thread that holds it may take it again;
/// it is free once that thread has released it as many times as it took it.
/// </summary>
/// <remarks>
/// <para>The owner is a thread (a managed thread of a process), not a process: only the thread that took the lock may
/// release it. That is why it has no async members: an <c>await</c> may resume on another thread, which then could not
/// release it. Use <see cref="ProcessLock"/>, whose owner is a process, to hold a lock across <c>await</c>.</para>
/// <para>Taking and releasing a free lock, or one level of a held one, costs no system call; a waiter sleeps in the
/// kernel (a futex). If the owning process dies holding the lock, the next thread to take it gets it with an
/// <see cref="AbandonedMutexException"/>, as with <see cref="ProcessLock"/>: it then holds the lock once and must
/// release it. A thread that exits holding the lock while its process lives on keeps it held, as with
/// <see cref="Monitor"/>.</para>
/// </remarks>
public sealed unsafe class ProcessRLock : SharedObject
{
    private const int BlockBytes = SharedSegment.BlockAlignment;
    private const int StateOffset = 16;

    /// <summary>Creates a free lock.</summary>
    public ProcessRLock()
        : this(Create(), SharedSegment.HeaderBytes)
    {
    }

    /// <summary>Takes over one reference to <paramref name="segment"/> whose block at <paramref name="offset"/> is a reentrant lock.</summary>
    internal ProcessRLock(SharedSegment segment, long offset)
        : base(segment, offset)
    {
    }

    /// <summary>True while some thread of some process holds the lock.</summary>
    public bool IsLocked => OwnerPid is not null;

    /// <summary>The id of the process whose thread holds the lock, or null when it is free.</summary>
    public int? OwnerPid
    {
        get
        {
            ThrowIfDisposed();
            return LockWord.Owner(&State->Word);
        }
    }

    /// <summary>True when the calling thread holds the lock.</summary>
    public bool IsHeldByCurrentThread
    {
        get
        {
            ThrowIfDisposed();
            return RecursiveLock.IsHeldByCurrentThread(State);
        }
    }

    /// <summary>How many times the calling thread holds the lock: 0 when it does not hold it.</summary>
    public int RecursionCount
    {
        get
        {
            ThrowIfDisposed();
            return RecursiveLock.RecursionCount(State);
        }
    }

    private RecursiveLockState* State => (RecursiveLockState*)(Block + StateOffset);

    /// <summary>Takes the lock (or one more level of it), waiting as long as it takes, and returns a scope whose
    /// disposal releases that level (Python's <c>acquire()</c>, or <c>with rlock:</c>).</summary>
    /// <exception cref="AbandonedMutexException">The owning process died holding it; the caller now holds the lock.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public Releaser Acquire(CancellationToken cancellationToken = default)
    {
        TryAcquire(Timeout.InfiniteTimeSpan, cancellationToken);
        return new Releaser(this);
    }

    /// <summary>Takes the lock (or one more level of it) if it becomes free within <paramref name="timeout"/>; false
    /// otherwise (Python's <c>acquire(timeout=...)</c>).</summary>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> tries once, <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="AbandonedMutexException">The owning process died holding it; the caller now holds the lock.</exception>
    public bool TryAcquire(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (RecursiveLock.TryAcquireFast(State))
        {
            return true;
        }

        return RecursiveLock.Acquire(State, Deadline.After(timeout), cancellationToken) switch
        {
            LockOutcome.Acquired => true,
            LockOutcome.AcquiredAbandoned => throw Abandoned(),
            _ => false,
        };
    }

    /// <summary>Releases one level of the lock; the last level frees it and wakes one waiter (Python's <c>release()</c>).</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public void Release()
    {
        ThrowIfDisposed();
        RecursiveLock.Release(State);
    }

    /// <summary>Reads a reentrant lock's handle; generated code calls it for a <see cref="ProcessRLock"/> parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ProcessRLock? ReadShared(ref WireReader reader) =>
        SharedSegment.Read(ref reader, SharedKind.RLock, 0) is { } found ? new ProcessRLock(found.Segment, found.Offset) : null;

    /// <inheritdoc/>
    public override string ToString() => OwnerPid is { } pid ? $"ProcessRLock held by {pid}" : "ProcessRLock (free)";

    private static SharedSegment Create()
    {
        var segment = SharedSegment.Create(BlockBytes);
        segment.InitializeBlock(SharedSegment.HeaderBytes, SharedKind.RLock, 0);
        return segment;
    }

    private static AbandonedMutexException Abandoned() => new(
        "The process that held this ProcessRLock exited without releasing it; this thread now holds the lock once. " +
        "The state it guards may be half-changed.", -1, null);

    /// <summary>Releases one level of the lock when disposed: <c>using (rlock.Acquire()) { ... }</c>.</summary>
    public readonly struct Releaser : IDisposable
    {
        private readonly ProcessRLock? _lock;

        internal Releaser(ProcessRLock @lock) => _lock = @lock;

        /// <summary>Releases the level of the lock that <see cref="Acquire"/> took.</summary>
        public void Dispose() => _lock?.Release();
    }
}
