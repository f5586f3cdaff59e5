using System.ComponentModel;
using System.Runtime.ExceptionServices;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A condition variable shared by processes, with its own reentrant lock (Python's <c>multiprocessing.Condition()</c>,
/// whose default lock is an <c>RLock</c>): threads hold the lock to check shared state, <see cref="Wait(TimeSpan, CancellationToken)"/>
/// until another thread changes it and calls <see cref="Notify"/> or <see cref="NotifyAll"/>.
/// </summary>
/// <remarks>
/// <para>The lock behaves as a <see cref="ProcessRLock"/>: owned by one thread, taken again by that thread without
/// waiting. A wait releases every level of it while sleeping and takes them all back before it returns, also when it
/// throws. Like the lock, the condition is thread-affine and so has no async members.</para>
/// <para>Notifications go to waiters in the order they began waiting, each to a waiter that was waiting when it was
/// sent, as in Python: <c>Notify(1)</c> releases exactly one. Check the condition in a loop around the wait, or use
/// <see cref="WaitFor(Func{bool}, TimeSpan, CancellationToken)"/>: another thread may change the state between the
/// notification and the waiter's return. Waiters from processes that died are skipped. At most 256 threads, across
/// all processes, wait on one condition at once.</para>
/// </remarks>
public sealed unsafe class ProcessCondition : SharedObject
{
    private const int Capacity = 256;
    private const int CapacityOffset = 8;
    private const int LockOffset = 16;
    private const int QueueOffset = 40;
    private const int SlotsOffset = 64;

    /// <summary>Creates a condition with a free lock and no waiters.</summary>
    public ProcessCondition()
        : this(Create(), SharedSegment.HeaderBytes)
    {
    }

    /// <summary>Takes over one reference to <paramref name="segment"/> whose block at <paramref name="offset"/> is a condition.</summary>
    internal ProcessCondition(SharedSegment segment, long offset)
        : base(segment, offset)
    {
    }

    /// <summary>True when the calling thread holds the condition's lock.</summary>
    public bool IsHeldByCurrentThread
    {
        get
        {
            ThrowIfDisposed();
            return RecursiveLock.IsHeldByCurrentThread(Lock);
        }
    }

    private RecursiveLockState* Lock => (RecursiveLockState*)(Block + LockOffset);

    private ConditionQueue* Queue => (ConditionQueue*)(Block + QueueOffset);

    private ConditionSlot* Slots => (ConditionSlot*)(Block + SlotsOffset);

    private int SlotCount => *(int*)(Block + CapacityOffset);

    /// <summary>Takes the lock (or one more level of it), waiting as long as it takes, and returns a scope whose
    /// disposal releases that level (Python's <c>acquire()</c>, or <c>with condition:</c>).</summary>
    /// <exception cref="AbandonedMutexException">The owning process died holding it; the caller now holds the lock.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public Releaser Acquire(CancellationToken cancellationToken = default)
    {
        TryAcquire(Timeout.InfiniteTimeSpan, cancellationToken);
        return new Releaser(this);
    }

    /// <summary>Takes the lock (or one more level of it) if it becomes free within <paramref name="timeout"/>; false
    /// otherwise.</summary>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> tries once, <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="AbandonedMutexException">The owning process died holding it; the caller now holds the lock.</exception>
    public bool TryAcquire(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (RecursiveLock.TryAcquireFast(Lock))
        {
            return true;
        }

        return RecursiveLock.Acquire(Lock, Deadline.After(timeout), cancellationToken) switch
        {
            LockOutcome.Acquired => true,
            LockOutcome.AcquiredAbandoned => throw TakeOverAbandoned(),
            _ => false,
        };
    }

    /// <summary>Releases one level of the lock (Python's <c>release()</c>).</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public void Release()
    {
        ThrowIfDisposed();
        RecursiveLock.Release(Lock);
    }

    /// <summary>Releases the lock and waits until notified, as long as it takes, then takes the lock back (Python's
    /// <c>wait()</c>).</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first; the caller holds
    /// the lock again.</exception>
    /// <exception cref="AbandonedMutexException">A process died holding the lock while this thread waited; the caller
    /// holds the lock again.</exception>
    public void Wait(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        WaitCore(Deadline.Infinite, cancellationToken);
    }

    /// <summary>Releases the lock and waits until notified, at most <paramref name="timeout"/>, then takes the lock back;
    /// true when notified, false on the timeout (Python's <c>wait(timeout)</c>).</summary>
    /// <param name="timeout">How long to wait for a notification; taking the lock back may take longer.
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>, after the lock is taken back.</param>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    /// <exception cref="AbandonedMutexException">A process died holding the lock while this thread waited; the caller
    /// holds the lock again.</exception>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return WaitCore(Deadline.After(timeout), cancellationToken);
    }

    /// <summary>Waits, as long as it takes, until <paramref name="predicate"/> returns true, checking it holding the
    /// lock first and after each notification (Python's <c>wait_for(predicate)</c>).</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first; the caller holds
    /// the lock again.</exception>
    public void WaitFor(Func<bool> predicate, CancellationToken cancellationToken = default) =>
        WaitFor(predicate, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Waits, at most <paramref name="timeout"/> in all, until <paramref name="predicate"/> returns true,
    /// checking it holding the lock first and after each notification; returns its last result (Python's
    /// <c>wait_for(predicate, timeout)</c>).</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first; the caller holds
    /// the lock again.</exception>
    public bool WaitFor(Func<bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ThrowIfDisposed();
        Deadline deadline = Deadline.After(timeout);
        while (true)
        {
            bool result = predicate();
            if (result || deadline.HasPassed)
            {
                return result;
            }

            WaitCore(deadline, cancellationToken);
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> of the threads waiting on the condition, those waiting longest
    /// first (Python's <c>notify(n)</c>). Call holding the lock; the woken threads return once they can take it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public void Notify(int count = 1)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        RecursiveLock.ThrowIfNotOwner(Lock);
        ConditionSlots.Notify(Queue, Slots, SlotCount, count);
    }

    /// <summary>Wakes every thread waiting on the condition (Python's <c>notify_all()</c>). Call holding the lock.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public void NotifyAll()
    {
        ThrowIfDisposed();
        RecursiveLock.ThrowIfNotOwner(Lock);
        ConditionSlots.NotifyAll(Queue, Slots, SlotCount);
    }

    /// <summary>Reads a condition's handle; generated code calls it for a <see cref="ProcessCondition"/> parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ProcessCondition? ReadShared(ref WireReader reader)
    {
        if (SharedSegment.Read(ref reader, SharedKind.Condition, 0) is not { } found)
        {
            return null;
        }

        int capacity = *(int*)(found.Segment.Base + found.Offset + CapacityOffset);
        if (capacity <= 0 || found.Offset + SlotsOffset + ((long)capacity * sizeof(ConditionSlot)) > found.Segment.Length)
        {
            found.Segment.Release();
            throw new ProtocolException($"A Condition handle names a block of {capacity} waiter slots that does not fit its segment.");
        }

        return new ProcessCondition(found.Segment, found.Offset);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        ThrowIfDisposed();
        return LockWord.Owner(&Lock->Word) is { } pid ? $"ProcessCondition (lock held by {pid})" : "ProcessCondition (lock free)";
    }

    private bool WaitCore(Deadline deadline, CancellationToken cancellationToken)
    {
        RecursiveLock.ThrowIfNotOwner(Lock);
        cancellationToken.ThrowIfCancellationRequested();
        ConditionSlot* slot = ConditionSlots.Claim(Queue, Slots, SlotCount);
        int levels = RecursiveLock.ReleaseAll(Lock);

        OperationCanceledException? canceled = null;
        var wait = new SharedWait(&slot->State, deadline, cancellationToken);
        try
        {
            while (Volatile.Read(ref slot->State) == ConditionSlot.Waiting && wait.CanContinue())
            {
                wait.Sleep(ConditionSlot.Waiting);
            }
        }
        catch (OperationCanceledException e)
        {
            canceled = e;
        }
        finally
        {
            wait.Dispose();
        }

        LockOutcome outcome = RecursiveLock.Restore(Lock, levels);
        AbandonedMutexException? abandoned = outcome == LockOutcome.AcquiredAbandoned ? TakeOverAbandoned() : null;
        bool notified = ConditionSlots.Leave(Queue, slot);
        if (canceled is not null && notified)
        {
            // Cancelled as the notification came: hand it on, so no waiter misses it.
            ConditionSlots.Notify(Queue, Slots, SlotCount, 1);
        }

        if (abandoned is not null)
        {
            throw abandoned;
        }

        if (canceled is not null)
        {
            ExceptionDispatchInfo.Throw(canceled);
        }

        return notified;
    }

    private static SharedSegment Create()
    {
        var segment = SharedSegment.Create(SlotsOffset + ((long)Capacity * sizeof(ConditionSlot)));
        long offset = SharedSegment.HeaderBytes;
        segment.InitializeBlock(offset, SharedKind.Condition, 0);
        *(int*)(segment.Base + offset + CapacityOffset) = Capacity;
        return segment;
    }

    /// <summary>Repairs the waiter queue, which the dead owner of the lock may have left half-changed, and makes the
    /// exception to report the takeover with.</summary>
    private AbandonedMutexException TakeOverAbandoned()
    {
        ConditionSlots.Repair(Queue, Slots, SlotCount);
        return new AbandonedMutexException(
            "The process that held this ProcessCondition's lock exited without releasing it; this thread now holds the " +
            "lock. The state it guards may be half-changed.", -1, null);
    }

    /// <summary>Releases one level of the condition's lock when disposed: <c>using (condition.Acquire()) { ... }</c>.</summary>
    public readonly struct Releaser : IDisposable
    {
        private readonly ProcessCondition? _condition;

        internal Releaser(ProcessCondition condition) => _condition = condition;

        /// <summary>Releases the level of the lock that <see cref="Acquire"/> took.</summary>
        public void Dispose() => _condition?.Release();
    }
}
