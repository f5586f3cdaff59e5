using System.Runtime.InteropServices;
using Parallelize.Native;

namespace Parallelize.Sharing;

/// <summary>The shared state of a counting semaphore: the count (the futex word) and how many threads sleep on it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SemaphoreState
{
    public int Count;
    public int Sleepers;
}

/// <summary>
/// A counting semaphore over a <see cref="SemaphoreState"/>. Taking a permit is one compare-and-swap on the count; a
/// taker that finds none counts itself in <see cref="SemaphoreState.Sleepers"/> and sleeps on the count word. A release
/// adds to the count and wakes as many sleepers as it added permits, with a system call only when someone sleeps.
/// </summary>
/// <remarks>
/// No wake is lost: a sleeper increments the sleeper count before it reads the count, and a release changes the count
/// before it reads the sleeper count, both with full fences, so at least one of them sees the other; and the kernel
/// refuses to put a thread to sleep once the count word differs from the zero it read.
/// </remarks>
internal static unsafe class SemaphoreWord
{
    private const int SpinCount = 20;

    /// <summary>Takes one permit if there is one, without waiting.</summary>
    public static bool TryTake(SemaphoreState* state)
    {
        while (true)
        {
            int count = Volatile.Read(ref state->Count);
            if (count <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref state->Count, count - 1, count) == count)
            {
                return true;
            }
        }
    }

    /// <summary>Takes one permit, waiting until <paramref name="deadline"/>; false when it passed first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public static bool Take(SemaphoreState* state, Deadline deadline, CancellationToken cancellationToken)
    {
        if (TryTake(state))
        {
            return true;
        }

        // A short spin first: a permit released by another core within microseconds is cheaper to catch than a sleep.
        var spinner = default(SpinWait);
        for (int i = 0; i < SpinCount; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (TryTake(state))
            {
                return true;
            }
        }

        var wait = new SharedWait(&state->Count, deadline, cancellationToken);
        Interlocked.Increment(ref state->Sleepers);
        try
        {
            while (true)
            {
                if (TryTake(state))
                {
                    return true;
                }

                if (!wait.CanContinue())
                {
                    return false;
                }

                wait.Sleep(0);
            }
        }
        finally
        {
            Interlocked.Decrement(ref state->Sleepers);
            wait.Dispose();
        }
    }

    /// <summary>Adds <paramref name="releaseCount"/> permits and returns the count before; wakes up to as many sleepers.</summary>
    /// <exception cref="SemaphoreFullException">The count would exceed <paramref name="maximumCount"/>; nothing changes.</exception>
    public static int Release(SemaphoreState* state, int releaseCount, int maximumCount)
    {
        int previous;
        while (true)
        {
            previous = Volatile.Read(ref state->Count);
            if ((long)previous + releaseCount > maximumCount)
            {
                throw new SemaphoreFullException(
                    $"Releasing {releaseCount} would raise the count from {previous} past its maximum of {maximumCount}.");
            }

            if (Interlocked.CompareExchange(ref state->Count, previous + releaseCount, previous) == previous)
            {
                break;
            }
        }

        if (Volatile.Read(ref state->Sleepers) > 0)
        {
            Futex.Wake(&state->Count, releaseCount);
        }

        return previous;
    }
}
