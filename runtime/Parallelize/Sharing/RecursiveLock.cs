using System.Runtime.InteropServices;

namespace Parallelize.Sharing;

/// <summary>The shared state of a reentrant lock: a <see cref="LockWord"/>, the owning thread, and its recursion count.</summary>
/// <remarks>24 bytes; <see cref="Owner"/> is 8-byte aligned when the state is.</remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct RecursiveLockState
{
    /// <summary>The <see cref="LockWord"/>: 0, or the owning process's pid with the waiters flag.</summary>
    public int Word;

    private readonly int _spare;

    /// <summary>The owner as <see cref="RecursiveLock.CurrentOwner"/>; 0 while free. Written only by the owner.</summary>
    public long Owner;

    /// <summary>How many times the owner holds the lock; touched only by the owner.</summary>
    public int Count;
}

/// <summary>
/// A reentrant lock over a <see cref="RecursiveLockState"/>, owned by one thread of one process: the lock word holds
/// the process (so a dead owner is still taken over as abandoned), and the owner word the (pid, managed thread id)
/// pair, so a thread can tell it already holds the lock from one 64-bit read.
/// </summary>
/// <remarks>
/// Only the owning thread writes its own owner value, and it clears it before releasing, so a thread that reads its
/// own value is the owner: no race with other threads or processes can make that read lie. Shared by
/// <c>ProcessRLock</c> and <c>ProcessCondition</c>.
/// </remarks>
internal static unsafe class RecursiveLock
{
    /// <summary>This thread as a lock owner: the pid in the high half, the managed thread id in the low half.</summary>
    public static long CurrentOwner => ((long)Environment.ProcessId << 32) | (uint)Environment.CurrentManagedThreadId;

    /// <summary>True when the calling thread holds the lock.</summary>
    public static bool IsHeldByCurrentThread(RecursiveLockState* state) => Volatile.Read(ref state->Owner) == CurrentOwner;

    /// <summary>The recursion count of the calling thread: 0 when it does not hold the lock.</summary>
    public static int RecursionCount(RecursiveLockState* state) => IsHeldByCurrentThread(state) ? state->Count : 0;

    /// <summary>Takes the lock, or one more level of it when the calling thread already holds it.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public static LockOutcome Acquire(RecursiveLockState* state, Deadline deadline, CancellationToken cancellationToken)
    {
        long self = CurrentOwner;
        if (Volatile.Read(ref state->Owner) == self)
        {
            state->Count = checked(state->Count + 1);
            return LockOutcome.Acquired;
        }

        LockOutcome outcome = LockWord.TryAcquire(&state->Word)
            ? LockOutcome.Acquired
            : LockWord.Acquire(&state->Word, deadline, cancellationToken);
        if (outcome != LockOutcome.TimedOut)
        {
            TakeOwnership(state, self, 1);
        }

        return outcome;
    }

    /// <summary>Takes the lock without waiting when it is free or already the calling thread's.</summary>
    public static bool TryAcquireFast(RecursiveLockState* state)
    {
        long self = CurrentOwner;
        if (Volatile.Read(ref state->Owner) == self)
        {
            state->Count = checked(state->Count + 1);
            return true;
        }

        if (!LockWord.TryAcquire(&state->Word))
        {
            return false;
        }

        TakeOwnership(state, self, 1);
        return true;
    }

    /// <summary>Drops one level; the last one frees the lock and wakes one waiter.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public static void Release(RecursiveLockState* state)
    {
        ThrowIfNotOwner(state);
        if (--state->Count == 0)
        {
            Volatile.Write(ref state->Owner, 0);
            LockWord.Release(&state->Word);
        }
    }

    /// <summary>Frees the lock whatever its recursion count, for a condition wait; returns the count to restore.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public static int ReleaseAll(RecursiveLockState* state)
    {
        ThrowIfNotOwner(state);
        int count = state->Count;
        state->Count = 0;
        Volatile.Write(ref state->Owner, 0);
        LockWord.Release(&state->Word);
        return count;
    }

    /// <summary>Takes the lock back after <see cref="ReleaseAll"/>, waiting as long as it takes and ignoring
    /// cancellation (a condition wait always returns holding the lock), with <paramref name="count"/> levels.</summary>
    public static LockOutcome Restore(RecursiveLockState* state, int count)
    {
        LockOutcome outcome = LockWord.TryAcquire(&state->Word)
            ? LockOutcome.Acquired
            : LockWord.Acquire(&state->Word, Deadline.Infinite, CancellationToken.None);
        TakeOwnership(state, CurrentOwner, count);
        return outcome;
    }

    /// <summary>Throws unless the calling thread holds the lock.</summary>
    /// <exception cref="SynchronizationLockException">The calling thread does not hold the lock.</exception>
    public static void ThrowIfNotOwner(RecursiveLockState* state)
    {
        long owner = Volatile.Read(ref state->Owner);
        if (owner == CurrentOwner)
        {
            return;
        }

        int? pid = LockWord.Owner(&state->Word);
        throw new SynchronizationLockException(pid is null
            ? "The lock is not held."
            : pid == Environment.ProcessId
                ? $"The lock is held by thread {(int)owner} of this process, not by the calling thread ({Environment.CurrentManagedThreadId})."
                : $"The lock is held by process {pid}, not by this process ({Environment.ProcessId}).");
    }

    private static void TakeOwnership(RecursiveLockState* state, long self, int count)
    {
        state->Count = count;
        Volatile.Write(ref state->Owner, self);
    }
}
