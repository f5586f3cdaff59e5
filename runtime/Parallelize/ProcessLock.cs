using System.ComponentModel;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A lock shared by processes (Python's <c>multiprocessing.Lock</c>): pass it to <c>[RunInProcess]</c> methods, and
/// at most one process holds it at a time. It is not reentrant: taking it again while holding it waits forever (use
/// <c>ProcessRLock</c> for that).
/// </summary>
/// <remarks>
/// <para>The owner is a process: any thread of the owning process may release it, so it may be held across
/// <c>await</c>. Taking and releasing a free lock are one atomic instruction each; a waiter sleeps in the kernel
/// (a futex) and uses no CPU.</para>
/// <para>If the owner dies holding the lock, the next process to take it gets it with an
/// <see cref="AbandonedMutexException"/>, as with .NET's <see cref="Mutex"/>: the caller then holds the lock and must
/// release it, and should treat the state the lock guards as possibly half-changed.</para>
/// </remarks>
public sealed unsafe class ProcessLock : SharedObject
{
    private const int BlockBytes = SharedSegment.BlockAlignment;
    private const int WordOffset = 16;

    /// <summary>Creates a free lock.</summary>
    public ProcessLock()
        : this(Create(), SharedSegment.HeaderBytes)
    {
    }

    /// <summary>Takes over one reference to <paramref name="segment"/> whose block at <paramref name="offset"/> is a lock.</summary>
    internal ProcessLock(SharedSegment segment, long offset)
        : base(segment, offset)
    {
    }

    /// <summary>True while some process holds the lock.</summary>
    public bool IsLocked => OwnerPid is not null;

    /// <summary>The id of the process that holds the lock, or null when it is free.</summary>
    public int? OwnerPid
    {
        get
        {
            ThrowIfDisposed();
            return LockWord.Owner(Word);
        }
    }

    private int* Word => (int*)(Block + WordOffset);

    /// <summary>Takes the lock, waiting as long as it takes, and returns a scope whose disposal releases it.</summary>
    /// <exception cref="AbandonedMutexException">The previous owner died holding it; the caller now holds the lock.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public Releaser Acquire(CancellationToken cancellationToken = default)
    {
        TryAcquire(Timeout.InfiniteTimeSpan, cancellationToken);
        return new Releaser(this);
    }

    /// <summary>Takes the lock if it becomes free within <paramref name="timeout"/>; false otherwise.</summary>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> tries once, <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="AbandonedMutexException">The previous owner died holding it; the caller now holds the lock.</exception>
    public bool TryAcquire(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (LockWord.TryAcquire(Word))
        {
            return true;
        }

        return LockWord.Acquire(Word, Deadline.After(timeout), cancellationToken) switch
        {
            LockOutcome.Acquired => true,
            LockOutcome.AcquiredAbandoned => throw Abandoned(),
            _ => false,
        };
    }

    /// <summary>Takes the lock without blocking the calling thread, and returns a scope whose disposal releases it.</summary>
    /// <exception cref="AbandonedMutexException">The previous owner died holding it; the caller now holds the lock.</exception>
    public ValueTask<Releaser> AcquireAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (LockWord.TryAcquire(Word))
        {
            return new ValueTask<Releaser>(new Releaser(this));
        }

        return new ValueTask<Releaser>(SharedAsync.Run(() => Acquire(cancellationToken), cancellationToken));
    }

    /// <summary>Takes the lock if it becomes free within <paramref name="timeout"/>, without blocking the calling thread.</summary>
    /// <exception cref="AbandonedMutexException">The previous owner died holding it; the caller now holds the lock.</exception>
    public ValueTask<bool> TryAcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (LockWord.TryAcquire(Word))
        {
            return new ValueTask<bool>(true);
        }

        Deadline.After(timeout); // validates before the wait starts on another thread
        return new ValueTask<bool>(SharedAsync.Run(() => TryAcquire(timeout, cancellationToken), cancellationToken));
    }

    /// <summary>Releases the lock, waking one waiter.</summary>
    /// <exception cref="SynchronizationLockException">This process does not hold the lock.</exception>
    public void Release()
    {
        ThrowIfDisposed();
        LockWord.Release(Word);
    }

    /// <summary>Reads a lock's handle; generated code calls it for a <see cref="ProcessLock"/> parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ProcessLock? ReadShared(ref WireReader reader) =>
        SharedSegment.Read(ref reader, Sharing.SharedKind.Lock, 0) is { } found ? new ProcessLock(found.Segment, found.Offset) : null;

    /// <summary>Lays out a lock block at <paramref name="offset"/> of a new segment: the tag, and a free word.</summary>
    internal static void InitializeBlock(SharedSegment segment, long offset) => segment.InitializeBlock(offset, Sharing.SharedKind.Lock, 0);

    /// <summary>The bytes a lock block takes, for objects that embed one (a <c>SharedValue&lt;T&gt;</c>'s lock).</summary>
    internal static int BlockSize => BlockBytes;

    /// <inheritdoc/>
    public override string ToString() => OwnerPid is { } pid ? $"ProcessLock held by {pid}" : "ProcessLock (free)";

    private static SharedSegment Create()
    {
        var segment = SharedSegment.Create(BlockBytes);
        InitializeBlock(segment, SharedSegment.HeaderBytes);
        return segment;
    }

    private AbandonedMutexException Abandoned() => new(
        "The process that held this ProcessLock exited without releasing it; this process now holds the lock. " +
        "The state it guards may be half-changed.", -1, null);

    /// <summary>Releases the lock when disposed: <c>using (processLock.Acquire()) { ... }</c>.</summary>
    public readonly struct Releaser : IDisposable
    {
        private readonly ProcessLock? _lock;

        internal Releaser(ProcessLock @lock) => _lock = @lock;

        /// <summary>Releases the lock.</summary>
        public void Dispose() => _lock?.Release();
    }
}
