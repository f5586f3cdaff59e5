using System.Runtime.CompilerServices;
using Parallelize.Native;

namespace Parallelize.Sharing;

/// <summary>How an attempt to take a <see cref="LockWord"/> ended.</summary>
internal enum LockOutcome
{
    Acquired,

    /// <summary>Acquired from a process that died holding it: the state it guarded may be half-changed.</summary>
    AcquiredAbandoned,

    TimedOut,
}

/// <summary>
/// A process-owned mutex in one shared 32-bit word: 0 when free, else the owner's pid, with <see cref="Waiters"/> set
/// once someone sleeps on it (Drepper's three-state futex mutex, with the pid as the "locked" value). Taking and
/// releasing a free lock is one atomic instruction each, without a system call. The pid lets a waiter notice an owner
/// that died holding it, so a SIGKILL never deadlocks the others: they take the lock over as abandoned.
/// </summary>
/// <remarks>
/// The owner is a process, not a thread: any thread of the owning process may release it, which keeps it usable
/// across awaits. pid_max is at most 2^22 on Linux, so a pid never reaches the flag bit.
/// </remarks>
internal static unsafe class LockWord
{
    public const int Waiters = 1 << 30;
    private const int PidMask = Waiters - 1;
    private const int SpinCount = 40;

    /// <summary>Takes the lock if it is free, without waiting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAcquire(int* word) => Interlocked.CompareExchange(ref *word, Environment.ProcessId, 0) == 0;

    /// <summary>Takes the lock, waiting until <paramref name="deadline"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public static LockOutcome Acquire(int* word, Deadline deadline, CancellationToken cancellationToken)
    {
        int self = Environment.ProcessId;
        if (Interlocked.CompareExchange(ref *word, self, 0) == 0)
        {
            return LockOutcome.Acquired;
        }

        // A short spin first: a lock held for a few instructions by another core is free again sooner than a sleep
        // and wake take.
        var spinner = default(SpinWait);
        for (int i = 0; i < SpinCount; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (Volatile.Read(ref *word) == 0 && Interlocked.CompareExchange(ref *word, self, 0) == 0)
            {
                return LockOutcome.Acquired;
            }
        }

        var wait = new SharedWait(word, deadline, cancellationToken);
        try
        {
            while (true)
            {
                int seen = Volatile.Read(ref *word);
                if (seen == 0)
                {
                    // Taken with the flag set: others may still sleep, and the next release must wake them.
                    if (Interlocked.CompareExchange(ref *word, self | Waiters, 0) == 0)
                    {
                        return LockOutcome.Acquired;
                    }

                    continue;
                }

                if ((seen & Waiters) == 0 && Interlocked.CompareExchange(ref *word, seen | Waiters, seen) != seen)
                {
                    continue;
                }

                if (!wait.CanContinue())
                {
                    return LockOutcome.TimedOut;
                }

                int owner = seen & PidMask;
                wait.Sleep(seen | Waiters, periodic: owner != self);
                if (owner != self && Volatile.Read(ref *word) == (seen | Waiters) && !ProcessLiveness.IsAlive(owner)
                    && Interlocked.CompareExchange(ref *word, self | Waiters, seen | Waiters) == (seen | Waiters))
                {
                    return LockOutcome.AcquiredAbandoned;
                }
            }
        }
        finally
        {
            wait.Dispose();
        }
    }

    /// <summary>Frees the lock and wakes one sleeper.</summary>
    /// <exception cref="SynchronizationLockException">This process does not hold the lock.</exception>
    public static void Release(int* word)
    {
        int seen = Volatile.Read(ref *word);
        if ((seen & PidMask) != Environment.ProcessId)
        {
            throw new SynchronizationLockException(seen == 0
                ? "The lock is not held."
                : $"The lock is held by process {seen & PidMask}, not by this process ({Environment.ProcessId}).");
        }

        if ((Interlocked.Exchange(ref *word, 0) & Waiters) != 0)
        {
            Futex.Wake(word, 1);
        }
    }

    /// <summary>The pid of the process holding the lock, or null when it is free.</summary>
    public static int? Owner(int* word)
    {
        int seen = Volatile.Read(ref *word) & PidMask;
        return seen == 0 ? null : seen;
    }
}
