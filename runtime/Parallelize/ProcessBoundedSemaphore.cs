using System.ComponentModel;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A semaphore shared by processes whose count never exceeds its initial value (Python's
/// <c>multiprocessing.BoundedSemaphore</c>): a <see cref="Release"/> without a matching <see cref="Wait"/> throws
/// <see cref="SemaphoreFullException"/> instead of silently adding a permit.
/// </summary>
/// <remarks>
/// A separate type rather than a subclass of <see cref="ProcessSemaphore"/>, so both stay sealed and a handle of one is
/// refused when read as the other: a <c>[RunInProcess]</c> parameter's type tells the child which it gets. Behaves as
/// <see cref="ProcessSemaphore"/> otherwise.
/// </remarks>
public sealed unsafe class ProcessBoundedSemaphore : SharedObject
{
    /// <summary>Creates a semaphore with <paramref name="value"/> permits, which is also its maximum (Python's
    /// <c>BoundedSemaphore(value)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public ProcessBoundedSemaphore(int value = 1)
        : this(ProcessSemaphore.Create(SharedKind.BoundedSemaphore, value, value, minimumMaximum: 0), SharedSegment.HeaderBytes)
    {
    }

    /// <summary>Takes over one reference to <paramref name="segment"/> whose block at <paramref name="offset"/> is a
    /// bounded semaphore.</summary>
    internal ProcessBoundedSemaphore(SharedSegment segment, long offset)
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

    /// <summary>The initial count, which is also the most permits the semaphore holds.</summary>
    public int MaximumCount
    {
        get
        {
            ThrowIfDisposed();
            return *(int*)(Block + ProcessSemaphore.MaximumOffset);
        }
    }

    /// <summary>How many threads, in all processes, are in a wait that may sleep: for tests and diagnostics.</summary>
    internal int SleeperCount => Volatile.Read(ref State->Sleepers);

    private SemaphoreState* State => (SemaphoreState*)(Block + ProcessSemaphore.StateOffset);

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
    /// <exception cref="SemaphoreFullException">The count would exceed its initial value (more releases than waits);
    /// nothing is released.</exception>
    public int Release(int releaseCount = 1)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfLessThan(releaseCount, 1);
        return SemaphoreWord.Release(State, releaseCount, *(int*)(Block + ProcessSemaphore.MaximumOffset));
    }

    /// <summary>Reads a bounded semaphore's handle; generated code calls it for a <see cref="ProcessBoundedSemaphore"/>
    /// parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ProcessBoundedSemaphore? ReadShared(ref WireReader reader) =>
        ProcessSemaphore.Attach(ref reader, SharedKind.BoundedSemaphore) is { } found
            ? new ProcessBoundedSemaphore(found.Segment, found.Offset)
            : null;

    /// <inheritdoc/>
    public override string ToString() => $"ProcessBoundedSemaphore ({CurrentCount} of {MaximumCount} free)";
}
