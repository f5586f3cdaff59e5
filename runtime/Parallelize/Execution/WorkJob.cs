using System.Diagnostics;
using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>
/// Calls a caller is waiting for, numbered 0 to <see cref="Count"/> - 1: one <c>RunAsync</c> call, or every item of a
/// map. Workers run them in <see cref="WorkSlice"/>s. Each item is settled exactly once, by the one slice that holds
/// it; settling the last item, or cancelling, finishes the job.
/// </summary>
internal abstract class WorkJob
{
    private int _unsettled;
    private long _observedTicks;
    private long _observedItems;
    private byte[]? _crashes;

    protected WorkJob(int count, bool observesCancellation, CancellationToken cancellationToken)
    {
        Count = count;
        _unsettled = count;
        ObservesCancellation = observesCancellation;
        CancellationToken = cancellationToken;
    }

    public int Count { get; }

    /// <summary>Items per slice, fixed when the job is submitted.</summary>
    public int ChunkSize { get; set; } = 1;

    /// <summary>The first item not yet handed to a worker; guarded by the pool's lock.</summary>
    public int NextUnsent { get; set; }

    /// <summary>The caller's token for the whole job.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>True when the calls take a token the child can cancel, so cancelling may wait before killing.</summary>
    public bool ObservesCancellation { get; }

    /// <summary>Completes when the caller has its answer: all settled, or the job was cancelled or abandoned.</summary>
    public abstract Task Completion { get; }

    /// <summary>True once no item needs to run any more.</summary>
    public bool IsFinished => Completion.IsCompleted;

    /// <summary>True when items take under 50 µs on average, so a worker may be given many of them at once.</summary>
    public bool HasFastItems
    {
        get
        {
            long items = Volatile.Read(ref _observedItems);
            return items > 0 && Volatile.Read(ref _observedTicks) / items < Stopwatch.Frequency / 20_000;
        }
    }

    /// <summary>Creates the call for item <paramref name="index"/>; may run user code (a map's selector).</summary>
    public abstract Call CreateCall(int index);

    /// <summary>Reads item <paramref name="index"/>'s result, which <paramref name="call"/> knows how to decode.</summary>
    public abstract void Complete(int index, Call call, ref WireReader result);

    public abstract void Fail(int index, Exception error);

    /// <summary>Stops the job: the caller sees <paramref name="error"/> (or cancellation, when null).</summary>
    public abstract void Abandon(Exception? error);

    /// <summary>Counts a crash of a worker while it ran item <paramref name="index"/>; returns the count so far.</summary>
    public int NoteCrash(int index)
    {
        _crashes ??= new byte[Count];
        return _crashes[index] = (byte)Math.Min(_crashes[index] + 1, byte.MaxValue);
    }

    /// <summary>Records that items were settled; called once per settled range, after the items themselves.</summary>
    public void Settled(int first, int count)
    {
        OnSettled(first, count);
        if (Interlocked.Add(ref _unsettled, -count) == 0)
        {
            OnAllSettled();
        }
    }

    /// <summary>Records how long a slice of <paramref name="items"/> took from sending to its last answer.</summary>
    public void Observe(long elapsedTicks, int items)
    {
        Interlocked.Add(ref _observedTicks, elapsedTicks);
        Interlocked.Add(ref _observedItems, items);
    }

    protected virtual void OnSettled(int first, int count)
    {
    }

    protected abstract void OnAllSettled();
}
