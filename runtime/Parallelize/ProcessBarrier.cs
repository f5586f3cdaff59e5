using System.ComponentModel;
using Parallelize.Native;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A barrier shared by processes (Python's <c>multiprocessing.Barrier</c>): each of <see cref="Parties"/> parties
/// calls <see cref="SignalAndWait(CancellationToken)"/>, and all of them return together once the last one arrives.
/// It is reusable: the next calls form the next round.
/// </summary>
/// <remarks>
/// <para>A party that gives up waiting (a timeout or a cancellation) breaks the barrier, as a timeout does in Python,
/// since the others can then never all meet: every waiter of the round and every later arrival gets a
/// <see cref="ProcessBarrierBrokenException"/> until <see cref="Reset"/>. A party whose process dies while waiting
/// leaves the others waiting, so give them a timeout when that can happen.</para>
/// <para>Arrivals cost one atomic instruction; waiters sleep in the kernel (a futex) on a 32-bit word that holds the
/// round's number with the arrival count, so a release only ever frees the round it ends, never an early arrival of
/// the next. Python's <c>action</c> has no counterpart: a delegate cannot cross processes. Run it on the party
/// that gets index 0 instead.</para>
/// </remarks>
public sealed unsafe class ProcessBarrier : SharedObject
{
    /// <summary>The most parties a barrier takes: the arrival count has 16 bits of the word.</summary>
    public const int MaxParties = 0xFFFF;

    private const int BlockBytes = SharedSegment.BlockAlignment;
    private const int PartiesOffset = 8;
    private const int WordOffset = 16;
    private const int SleepersOffset = 20;
    private const int ResetRoundsOffset = 24;

    // The word: bits 0-15 count the arrivals of the round, bits 16-30 number the round (wrapping), bit 31 marks it broken.
    private const int CountMask = 0xFFFF;
    private const int RoundShift = 16;
    private const int RoundMask = 0x7FFF;
    private const int Broken = int.MinValue;

    /// <summary>Creates a barrier for <paramref name="parties"/> parties (Python's <c>Barrier(parties)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parties"/> is below 1 or above <see cref="MaxParties"/>.</exception>
    public ProcessBarrier(int parties)
        : this(Create(parties), SharedSegment.HeaderBytes)
    {
    }

    /// <summary>Takes over one reference to <paramref name="segment"/> whose block at <paramref name="offset"/> is a barrier.</summary>
    internal ProcessBarrier(SharedSegment segment, long offset)
        : base(segment, offset)
    {
    }

    /// <summary>How many parties each round waits for (Python's <c>parties</c>).</summary>
    public int Parties
    {
        get
        {
            ThrowIfDisposed();
            return *(int*)(Block + PartiesOffset);
        }
    }

    /// <summary>How many parties of the current round have arrived and wait (Python's <c>n_waiting</c>).</summary>
    public int ArrivedCount
    {
        get
        {
            ThrowIfDisposed();
            return Volatile.Read(ref *Word) & CountMask;
        }
    }

    /// <summary>True while the barrier is broken (Python's <c>broken</c>).</summary>
    public bool IsBroken
    {
        get
        {
            ThrowIfDisposed();
            return (Volatile.Read(ref *Word) & Broken) != 0;
        }
    }

    private int* Word => (int*)(Block + WordOffset);

    private int* Sleepers => (int*)(Block + SleepersOffset);

    /// <summary>Bit <c>round % 32</c> is set when that round ended by <see cref="Reset"/>, so a waiter that wakes to a
    /// later round can tell a reset from a release.</summary>
    private int* ResetRounds => (int*)(Block + ResetRoundsOffset);

    /// <summary>Arrives and waits, as long as it takes, for the other parties of the round; returns this party's arrival
    /// index, 0 for the first to arrive up to <see cref="Parties"/> - 1 for the last (Python's <c>wait()</c>).</summary>
    /// <exception cref="ProcessBarrierBrokenException">The barrier is or became broken before the round completed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first; if this party had
    /// arrived, the barrier is now broken.</exception>
    public int SignalAndWait(CancellationToken cancellationToken = default) =>
        SignalAndWait(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Arrives and waits, at most <paramref name="timeout"/>, for the other parties of the round; returns this
    /// party's arrival index (Python's <c>wait(timeout)</c>). On the timeout the barrier breaks.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>, and breaks the barrier.</param>
    /// <exception cref="ProcessBarrierBrokenException">The barrier is or became broken before the round completed,
    /// this party's timeout included.</exception>
    public int SignalAndWait(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        (int index, int round, bool last) = Arrive();
        return last ? index : AwaitRelease(index, round, deadline, cancellationToken);
    }

    /// <summary>Arrives at once and waits for the other parties without blocking the calling thread; completes at once
    /// for the last party. Returns the arrival index.</summary>
    /// <exception cref="ProcessBarrierBrokenException">The barrier is or became broken before the round completed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first; if this party had
    /// arrived, the barrier is now broken.</exception>
    public ValueTask<int> SignalAndWaitAsync(CancellationToken cancellationToken = default) =>
        SignalAndWaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Arrives at once and waits, at most <paramref name="timeout"/>, for the other parties without blocking
    /// the calling thread; completes at once for the last party. Returns the arrival index. On the timeout the barrier
    /// breaks.</summary>
    /// <exception cref="ProcessBarrierBrokenException">The barrier is or became broken before the round completed,
    /// this party's timeout included.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first; if this party had
    /// arrived, the barrier is now broken.</exception>
    public ValueTask<int> SignalAndWaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        Deadline deadline = Deadline.After(timeout);
        cancellationToken.ThrowIfCancellationRequested();
        (int index, int round, bool last) = Arrive();
        if (last)
        {
            return new ValueTask<int>(index);
        }

        // Not cancelled through the task: this party has arrived, so the wait itself must see the cancellation and
        // break the barrier rather than leave a phantom arrival.
        return new ValueTask<int>(SharedAsync.Run(() => AwaitRelease(index, round, deadline, cancellationToken), CancellationToken.None));
    }

    /// <summary>Breaks the barrier: every waiter and every later arrival gets a <see cref="ProcessBarrierBrokenException"/>
    /// until <see cref="Reset"/> (Python's <c>abort()</c>).</summary>
    public void Abort()
    {
        ThrowIfDisposed();
        while (true)
        {
            int seen = Volatile.Read(ref *Word);
            if ((seen & Broken) != 0)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref *Word, seen | Broken, seen) == seen)
            {
                WakeAll();
                return;
            }
        }
    }

    /// <summary>Returns the barrier to an empty, unbroken round; parties waiting in the current round get a
    /// <see cref="ProcessBarrierBrokenException"/> (Python's <c>reset()</c>).</summary>
    public void Reset()
    {
        ThrowIfDisposed();
        while (true)
        {
            int seen = Volatile.Read(ref *Word);
            if ((seen & Broken) == 0)
            {
                if ((seen & CountMask) == 0)
                {
                    return;
                }

                // Break the round first, so that no release can end it while it is marked as reset.
                if (Interlocked.CompareExchange(ref *Word, seen | Broken, seen) != seen)
                {
                    continue;
                }

                seen |= Broken;
            }

            int round = RoundOf(seen);
            int next = (round + 1) & RoundMask;
            Interlocked.Or(ref *ResetRounds, RoundBit(round));
            Interlocked.And(ref *ResetRounds, ~RoundBit(next));
            if (Interlocked.CompareExchange(ref *Word, next << RoundShift, seen) == seen)
            {
                WakeAll();
                return;
            }
        }
    }

    /// <summary>Reads a barrier's handle; generated code calls it for a <see cref="ProcessBarrier"/> parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ProcessBarrier? ReadShared(ref WireReader reader)
    {
        if (SharedSegment.Read(ref reader, SharedKind.Barrier, 0) is not { } found)
        {
            return null;
        }

        int parties = *(int*)(found.Segment.Base + found.Offset + PartiesOffset);
        if (parties is < 1 or > MaxParties)
        {
            found.Segment.Release();
            throw new ProtocolException($"A Barrier handle names a block for {parties} parties.");
        }

        return new ProcessBarrier(found.Segment, found.Offset);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        IsBroken ? $"ProcessBarrier (broken, {Parties} parties)" : $"ProcessBarrier ({ArrivedCount} of {Parties} arrived)";

    private static int RoundOf(int word) => (word >> RoundShift) & RoundMask;

    private static int RoundBit(int round) => 1 << (round & 31);

    /// <summary>Counts this party in; the last one starts the next round and wakes the others.</summary>
    private (int Index, int Round, bool Last) Arrive()
    {
        int parties = *(int*)(Block + PartiesOffset);
        while (true)
        {
            int seen = Volatile.Read(ref *Word);
            if ((seen & Broken) != 0)
            {
                throw BrokenError();
            }

            int count = seen & CountMask;
            int round = RoundOf(seen);
            if (count + 1 < parties)
            {
                if (Interlocked.CompareExchange(ref *Word, seen + 1, seen) == seen)
                {
                    return (count, round, false);
                }

                continue;
            }

            int next = (round + 1) & RoundMask;
            Interlocked.And(ref *ResetRounds, ~RoundBit(next));
            if (Interlocked.CompareExchange(ref *Word, next << RoundShift, seen) == seen)
            {
                WakeAll();
                return (count, round, true);
            }
        }
    }

    /// <summary>Sleeps until the round after <paramref name="round"/> begins; breaks the barrier if this party gives up.</summary>
    private int AwaitRelease(int index, int round, Deadline deadline, CancellationToken cancellationToken)
    {
        var wait = new SharedWait(Word, deadline, cancellationToken);
        Interlocked.Increment(ref *Sleepers);
        try
        {
            while (true)
            {
                int seen = Volatile.Read(ref *Word);
                if (RoundOf(seen) != round)
                {
                    return EndedByReset(round) ? throw BrokenError() : index;
                }

                if ((seen & Broken) != 0)
                {
                    throw BrokenError();
                }

                bool canContinue;
                try
                {
                    canContinue = wait.CanContinue();
                }
                catch (OperationCanceledException)
                {
                    if (GiveUp(round))
                    {
                        return index;
                    }

                    throw;
                }

                if (!canContinue)
                {
                    return GiveUp(round) ? index : throw BrokenError();
                }

                wait.Sleep(seen);
            }
        }
        finally
        {
            Interlocked.Decrement(ref *Sleepers);
            wait.Dispose();
        }
    }

    /// <summary>Breaks <paramref name="round"/> for a party that stops waiting; true when the round was released first.</summary>
    private bool GiveUp(int round)
    {
        while (true)
        {
            int seen = Volatile.Read(ref *Word);
            if (RoundOf(seen) != round)
            {
                return !EndedByReset(round);
            }

            if ((seen & Broken) != 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref *Word, seen | Broken, seen) == seen)
            {
                WakeAll();
                return false;
            }
        }
    }

    private bool EndedByReset(int round) => (Volatile.Read(ref *ResetRounds) & RoundBit(round)) != 0;

    private void WakeAll()
    {
        if (Volatile.Read(ref *Sleepers) > 0)
        {
            Futex.Wake(Word, int.MaxValue);
        }
    }

    private static ProcessBarrierBrokenException BrokenError() => new();

    private static SharedSegment Create(int parties)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parties, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parties, MaxParties);
        var segment = SharedSegment.Create(BlockBytes);
        long offset = SharedSegment.HeaderBytes;
        segment.InitializeBlock(offset, SharedKind.Barrier, 0);
        *(int*)(segment.Base + offset + PartiesOffset) = parties;
        return segment;
    }
}
