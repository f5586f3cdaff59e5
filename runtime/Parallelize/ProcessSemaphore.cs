using System.ComponentModel;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A counting semaphore shared by processes (Python's <c>multiprocessing.Semaphore</c>): pass it to
/// <c>[RunInProcess]</c> methods to limit how many processes (or threads) use something at once. <see cref="Wait"/>
/// takes a permit, waiting while there is none; <see cref="Release"/> gives permits back.
/// </summary>
/// <remarks>
/// <para>Permits are not owned: any thread of any process may release them, so they may be held across
/// <c>await</c>. Taking and releasing a permit cost no system call unless someone sleeps; a waiter sleeps in the
/// kernel (a futex) and uses no CPU.</para>
/// <para>Unlike Python's <c>Semaphore</c>, the count has a maximum (by default <see cref="int.MaxValue"/>) past which
/// <see cref="Release"/> throws. <see cref="ProcessBoundedSemaphore"/> is Python's <c>BoundedSemaphore</c>. A process
/// that dies holding permits does not give them back.</para>
/// </remarks>
public unsafe class ProcessSemaphore : SharedObject
{
    internal const int MaximumOffset = 8;
    internal const int StateOffset = 16;
    internal const int BlockBytes = SharedSegment.BlockAlignment;

    /// <summary>Creates a semaphore with <paramref name="initialCount"/> permits, which releases can raise up to
    /// <paramref name="maximumCount"/> (Python's <c>Semaphore(value)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialCount"/> is negative or above
    /// <paramref name="maximumCount"/>, or <paramref name="maximumCount"/> is below 1.</exception>
    public ProcessSemaphore(int initialCount, int maximumCount = int.MaxValue)
        : this(Create(SharedKind.Semaphore, initialCount, maximumCount, minimumMaximum: 1), SharedSegment.HeaderBytes)
    {
    }

    /// <summary>Takes over one reference to <paramref name="segment"/> whose block at <paramref name="offset"/> is a
    /// semaphore (or a bounded one, for <see cref="ProcessBoundedSemaphore"/>).</summary>
    private protected ProcessSemaphore(SharedSegment segment, long offset)
        : base(segment, offset)
    {
    }

    /// <summary>The permits free now (Python's <c>get_value()</c>); a moment later it may differ.</summary>
    public int CurrentCount
    {
        get
        {
            ThrowIfDisposed();
            return Volatile.Read(ref State->Count);
        }
    }

    /// <summary>The most permits the semaphore holds; <see cref="Release"/> past it throws.</summary>
    public int MaximumCount
    {
        get
        {
            ThrowIfDisposed();
            return *(int*)(Block + MaximumOffset);
        }
    }

    /// <summary>How many threads, in all processes, are in a wait that may sleep: for tests and diagnostics.</summary>
    internal int SleeperCount => Volatile.Read(ref State->Sleepers);

    private SemaphoreState* State => (SemaphoreState*)(Block + StateOffset);

    /// <summary>Takes a permit, waiting as long as it takes (Python's <c>acquire()</c>).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public void Wait(CancellationToken cancellationToken = default) => TryWait(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Takes a permit if one becomes free within <paramref name="timeout"/>; false otherwise (Python's
    /// <c>acquire(timeout=...)</c>).</summary>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> tries once, <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    public bool TryWait(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        Deadline deadline = Deadline.After(timeout);
        return SemaphoreWord.TryTake(State) || SemaphoreWord.Take(State, deadline, cancellationToken);
    }

    /// <summary>Takes a permit without blocking the calling thread; completes at once when one is free.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public ValueTask WaitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (SemaphoreWord.TryTake(State))
        {
            return default;
        }

        return new ValueTask(SharedAsync.Run(() => SemaphoreWord.Take(State, Deadline.Infinite, cancellationToken), cancellationToken));
    }

    /// <summary>Takes a permit if one becomes free within <paramref name="timeout"/>, without blocking the calling
    /// thread; completes at once when one is free or the timeout is zero.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public ValueTask<bool> TryWaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        Deadline deadline = Deadline.After(timeout);
        if (SemaphoreWord.TryTake(State))
        {
            return new ValueTask<bool>(true);
        }

        if (timeout == TimeSpan.Zero)
        {
            return new ValueTask<bool>(false);
        }

        return new ValueTask<bool>(SharedAsync.Run(() => SemaphoreWord.Take(State, deadline, cancellationToken), cancellationToken));
    }

    /// <summary>Gives back <paramref name="releaseCount"/> permits, waking as many waiters, and returns the count
    /// before (Python's <c>release(n)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="releaseCount"/> is below 1.</exception>
    /// <exception cref="SemaphoreFullException">The count would exceed <see cref="MaximumCount"/>; nothing is released.</exception>
    public int Release(int releaseCount = 1)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfLessThan(releaseCount, 1);
        return SemaphoreWord.Release(State, releaseCount, *(int*)(Block + MaximumOffset));
    }

    /// <summary>Reads a semaphore's handle; generated code calls it for a <see cref="ProcessSemaphore"/> parameter.</summary>
    /// <remarks>A bounded semaphore's handle gives a <see cref="ProcessBoundedSemaphore"/>, as the caller passed one.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ProcessSemaphore? ReadShared(ref WireReader reader) =>
        Attach(ref reader, SharedKind.Semaphore, SharedKind.BoundedSemaphore) switch
        {
            null => null,
            var (segment, offset) when segment.KindAt(offset) == SharedKind.BoundedSemaphore => ProcessBoundedSemaphore.Wrap(segment, offset),
            var (segment, offset) => new ProcessSemaphore(segment, offset),
        };

    /// <inheritdoc/>
    public override string ToString() => $"ProcessSemaphore ({CurrentCount} of {MaximumCount} free)";

    /// <summary>Creates a segment with one semaphore block of <paramref name="kind"/>.</summary>
    internal static SharedSegment Create(SharedKind kind, int initialCount, int maximumCount, int minimumMaximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumCount, minimumMaximum);
        ArgumentOutOfRangeException.ThrowIfNegative(initialCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialCount, maximumCount);
        var segment = SharedSegment.Create(BlockBytes);
        long offset = SharedSegment.HeaderBytes;
        segment.InitializeBlock(offset, kind, 0);
        *(int*)(segment.Base + offset + MaximumOffset) = maximumCount;
        ((SemaphoreState*)(segment.Base + offset + StateOffset))->Count = initialCount;
        return segment;
    }

    /// <summary>Reads a semaphore handle of <paramref name="kind"/> and checks the maximum it names.</summary>
    internal static (SharedSegment Segment, long Offset)? Attach(ref WireReader reader, SharedKind kind, SharedKind? derivedKind = null)
    {
        if (SharedSegment.Read(ref reader, kind, 0, derivedKind) is not { } found)
        {
            return null;
        }

        if (*(int*)(found.Segment.Base + found.Offset + MaximumOffset) < 0)
        {
            found.Segment.Release();
            throw new ProtocolException($"A {kind} handle names a block with a negative maximum count.");
        }

        return found;
    }
}
