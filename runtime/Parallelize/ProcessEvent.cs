using System.ComponentModel;
using Parallelize.Native;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A flag shared by processes that threads wait for (Python's <c>multiprocessing.Event</c>): <see cref="Set"/> raises
/// it and releases every waiter, <see cref="Clear"/> lowers it, and <see cref="Wait(CancellationToken)"/> returns once
/// it is set.
/// </summary>
/// <remarks>
/// <para>A waiter that was waiting when the event was set returns even if the event is cleared again before it runs,
/// as in Python. Setting, clearing and checking cost no system call unless someone sleeps; a waiter sleeps in the
/// kernel (a futex) and uses no CPU.</para>
/// </remarks>
public sealed unsafe class ProcessEvent : SharedObject
{
    private const int BlockBytes = SharedSegment.BlockAlignment;
    private const int WordOffset = 16;
    private const int SleepersOffset = 20;

    // The word: bit 0 is the flag; the bits above count the sets that raised it, so a waiter that wakes to a cleared
    // flag can still tell that a set happened while it slept.
    private const int SetBit = 1;
    private const int GenerationStep = 2;

    /// <summary>Creates an event, cleared unless <paramref name="initialState"/> is true.</summary>
    public ProcessEvent(bool initialState = false)
        : this(Create(initialState), SharedSegment.HeaderBytes)
    {
    }

    /// <summary>Takes over one reference to <paramref name="segment"/> whose block at <paramref name="offset"/> is an event.</summary>
    internal ProcessEvent(SharedSegment segment, long offset)
        : base(segment, offset)
    {
    }

    /// <summary>True while the event is set (Python's <c>is_set()</c>).</summary>
    public bool IsSet
    {
        get
        {
            ThrowIfDisposed();
            return (Volatile.Read(ref *Word) & SetBit) != 0;
        }
    }

    /// <summary>How many threads, in all processes, are in a wait that may sleep: for tests and diagnostics.</summary>
    internal int SleeperCount => Volatile.Read(ref *Sleepers);

    private int* Word => (int*)(Block + WordOffset);

    private int* Sleepers => (int*)(Block + SleepersOffset);

    /// <summary>Sets the event and releases every thread of every process waiting for it (Python's <c>set()</c>).</summary>
    public void Set()
    {
        ThrowIfDisposed();
        while (true)
        {
            int seen = Volatile.Read(ref *Word);
            if ((seen & SetBit) != 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref *Word, unchecked(seen + GenerationStep) | SetBit, seen) == seen)
            {
                break;
            }
        }

        if (Volatile.Read(ref *Sleepers) > 0)
        {
            Futex.Wake(Word, int.MaxValue);
        }
    }

    /// <summary>Clears the event; later waits block until it is set again (Python's <c>clear()</c>).</summary>
    public void Clear()
    {
        ThrowIfDisposed();
        Interlocked.And(ref *Word, ~SetBit);
    }

    /// <summary>Waits until the event is set, as long as it takes (Python's <c>wait()</c>).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public void Wait(CancellationToken cancellationToken = default) => Wait(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Waits until the event is set, at most <paramref name="timeout"/>; true when it was set, false on the
    /// timeout (Python's <c>wait(timeout)</c>).</summary>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> only checks, <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        Deadline deadline = Deadline.After(timeout);
        int seen = Volatile.Read(ref *Word);
        return (seen & SetBit) != 0 || WaitForChange(seen, deadline, cancellationToken);
    }

    /// <summary>Waits until the event is set without blocking the calling thread; completes at once when it is set.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public ValueTask WaitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        int seen = Volatile.Read(ref *Word);
        if ((seen & SetBit) != 0)
        {
            return default;
        }

        return new ValueTask(SharedAsync.Run(() => WaitForChange(seen, Deadline.Infinite, cancellationToken), cancellationToken));
    }

    /// <summary>Waits until the event is set, at most <paramref name="timeout"/>, without blocking the calling thread;
    /// true when it was set, false on the timeout. Completes at once when it is set or the timeout is zero.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public ValueTask<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        Deadline deadline = Deadline.After(timeout);
        int seen = Volatile.Read(ref *Word);
        if ((seen & SetBit) != 0)
        {
            return new ValueTask<bool>(true);
        }

        if (timeout == TimeSpan.Zero)
        {
            return new ValueTask<bool>(false);
        }

        return new ValueTask<bool>(SharedAsync.Run(() => WaitForChange(seen, deadline, cancellationToken), cancellationToken));
    }

    /// <summary>Reads an event's handle; generated code calls it for a <see cref="ProcessEvent"/> parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ProcessEvent? ReadShared(ref WireReader reader) =>
        SharedSegment.Read(ref reader, SharedKind.Event, 0) is { } found ? new ProcessEvent(found.Segment, found.Offset) : null;

    /// <inheritdoc/>
    public override string ToString() => IsSet ? "ProcessEvent (set)" : "ProcessEvent (clear)";

    /// <summary>Sleeps until the word differs from <paramref name="cleared"/>, a value with the flag down: only a set
    /// changes it (a clear leaves it as it is), so any change means the event was set since.</summary>
    private bool WaitForChange(int cleared, Deadline deadline, CancellationToken cancellationToken)
    {
        var wait = new SharedWait(Word, deadline, cancellationToken);
        Interlocked.Increment(ref *Sleepers);
        try
        {
            while (true)
            {
                if (Volatile.Read(ref *Word) != cleared)
                {
                    return true;
                }

                if (!wait.CanContinue())
                {
                    return false;
                }

                wait.Sleep(cleared);
            }
        }
        finally
        {
            Interlocked.Decrement(ref *Sleepers);
            wait.Dispose();
        }
    }

    private static SharedSegment Create(bool initialState)
    {
        var segment = SharedSegment.Create(BlockBytes);
        long offset = SharedSegment.HeaderBytes;
        segment.InitializeBlock(offset, SharedKind.Event, 0);
        *(int*)(segment.Base + offset + WordOffset) = initialState ? SetBit : 0;
        return segment;
    }
}
