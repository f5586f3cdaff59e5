using System.Diagnostics;
using Parallelize.Dispatch;
using Parallelize.Logging;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>
/// Calls a caller is waiting for, numbered 0 to <see cref="Count"/> - 1: one <c>RunAsync</c> call, or every item of a
/// map. Workers run them in <see cref="WorkSlice"/>s. Each item is settled exactly once, by the one slice that holds
/// it; settling the last item, or cancelling, finishes the job.
/// </summary>
/// <remarks>
/// The outcome is decided once (<see cref="TryFinish"/>) and published to the caller's task afterwards, through
/// <see cref="CallerResumption"/>: on the reader thread that decided it when that is safe, else on the thread pool.
/// </remarks>
internal abstract class WorkJob : IThreadPoolWorkItem
{
    private static readonly object Succeeded = new();
    private static readonly object Cancelled = new();

    /// <summary>The worker time a slice of fast items is sized to.</summary>
    private static readonly long FastSliceTicks = Stopwatch.Frequency / 500;

    /// <summary>Null until decided; then <see cref="Succeeded"/>, <see cref="Cancelled"/> or the exception.</summary>
    private object? _outcome;
    private int _unsettled;
    private long _observedTicks;
    private long _observedItems;
    private byte[]? _crashes;

    /// <summary>Delivers what the job's calls report or log, once one of them has; null until then.</summary>
    private ProgressRelay? _progress;

    protected WorkJob(int count, bool observesCancellation, CancellationToken cancellationToken)
    {
        Count = count;
        _unsettled = count;
        ObservesCancellation = observesCancellation;
        CancellationToken = cancellationToken;
        TraceParent = TraceContext.Capture();
        CallerContext = ExecutionContext.Capture();
    }

    public int Count { get; }

    /// <summary>The caller's W3C activity when the job was made, carried by each of its batches; null when none.</summary>
    public ActivityContext? TraceParent { get; }

    /// <summary>
    /// The caller's execution context when the job was made, which the entries its calls log are logged in, so that the
    /// caller's logging scopes and <see cref="Activity.Current"/> apply to them; null when its flow was suppressed.
    /// </summary>
    public ExecutionContext? CallerContext { get; }

    /// <summary>Items per slice, fixed when the job is submitted.</summary>
    public int ChunkSize { get; set; } = 1;

    /// <summary>
    /// The most items a slice takes once the job's items prove fast; <see cref="ChunkSize"/> when the caller chose it.
    /// </summary>
    public int FastChunkSize { get; set; } = 1;

    /// <summary>The first item not yet handed to a worker; guarded by the pool's lock.</summary>
    public int NextUnsent { get; set; }

    /// <summary>The caller's token for the whole job.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>True when the calls take a token the child can cancel, so cancelling may wait before killing.</summary>
    public bool ObservesCancellation { get; }

    /// <summary>Completes when the caller has its answer: all settled, or the job was cancelled or abandoned.</summary>
    public abstract Task Completion { get; }

    /// <summary>True once the outcome is decided and no item needs to run any more.</summary>
    public bool IsFinished => Volatile.Read(ref _outcome) is not null;

    /// <summary>True once the job has finished with every call returned.</summary>
    public bool FinishedSuccessfully => ReferenceEquals(Volatile.Read(ref _outcome), Succeeded);

    /// <summary>The error the job finished with, if any.</summary>
    public Exception? FinishedError => Volatile.Read(ref _outcome) as Exception;

    /// <summary>True when items take under 50 µs on average, so a worker may be given many of them at once.</summary>
    public bool HasFastItems => MeanServiceTicks is long mean && mean < Stopwatch.Frequency / 20_000;

    /// <summary>
    /// Items for the next slice: <see cref="ChunkSize"/>, or for items that prove fast, as many as take about 2 ms of a
    /// worker's time, up to <see cref="FastChunkSize"/>. Each slice costs a message each way, a registration and a
    /// wake-up on both sides, a few microseconds that 1024 calls of nanoseconds do not hide: for a map of 2,000,000
    /// x*x calls, up to 8192 per slice took the pool from 26-47 to 50-59 M items/s on this project's 2-core machine.
    /// </summary>
    public int NextChunkSize()
    {
        if (FastChunkSize <= ChunkSize || !HasFastItems)
        {
            return ChunkSize;
        }

        long mean = Math.Max(MeanServiceTicks ?? 1, 1);
        return (int)Math.Clamp(FastSliceTicks / mean, ChunkSize, FastChunkSize);
    }

    /// <summary>True when items take under a millisecond on average, so a round trip is worth hiding.</summary>
    public bool HasSubMillisecondItems => MeanServiceTicks is long mean && mean < Stopwatch.Frequency / 1_000;

    /// <summary>The mean time a worker spent per item so far, or null before any slice was answered.</summary>
    private long? MeanServiceTicks
    {
        get
        {
            long items = Volatile.Read(ref _observedItems);
            return items > 0 ? Volatile.Read(ref _observedTicks) / items : null;
        }
    }

    /// <summary>
    /// Makes up to <paramref name="count"/> items from <paramref name="first"/> ready to send and returns how many of
    /// them can share one batch (one assembly). May run user code (a map's selector), which may throw.
    /// </summary>
    public abstract int Prepare(int first, int count);

    /// <summary>The simple name of the assembly that declares prepared item <paramref name="index"/>'s method.</summary>
    public abstract string AssemblyName(int index);

    /// <summary>The full name of item <paramref name="index"/>'s method, for messages.</summary>
    public abstract string MethodName(int index);

    /// <summary>Appends the method id and arguments of each prepared item from <paramref name="first"/> on.</summary>
    public abstract void WriteItems(WireWriter frames, int first, int count);

    /// <summary>
    /// The method each prepared item from <paramref name="first"/> on calls, when they all call the same one (their
    /// batch then names it once, and <see cref="WriteArguments"/> writes them); null when they differ.
    /// </summary>
    public virtual uint? SharedMethodId(int first, int count) => null;

    /// <summary>Appends the arguments alone of each prepared item from <paramref name="first"/> on, for items that
    /// have a <see cref="SharedMethodId"/>.</summary>
    public virtual void WriteArguments(WireWriter frames, int first, int count) =>
        throw new NotSupportedException("Only items of one method are written without their method ids.");

    /// <summary>Reads item <paramref name="index"/>'s result.</summary>
    public abstract void Complete(int index, ref WireReader result);

    /// <summary>
    /// Reads the results of the items from <paramref name="first"/> + <paramref name="settled"/> on while the next
    /// outcome is <see cref="Protocol.CallOutcome.Returned"/>, counting each in <paramref name="settled"/>, up to
    /// <paramref name="count"/>; stops at any other outcome without consuming it. A result that does not decode throws
    /// before it is counted. A map overrides it to read its runs without a <see cref="Complete"/> call per item.
    /// </summary>
    public virtual void CompleteReturned(int first, int count, ref int settled, ref WireReader results)
    {
        while (settled < count && results.TrySkip((byte)Protocol.CallOutcome.Returned))
        {
            Complete(first + settled, ref results);
            settled++;
        }
    }

    public abstract void Fail(int index, Exception error);

    /// <summary>Stops the job: the caller sees <paramref name="error"/> (or cancellation, when null).</summary>
    public virtual void Abandon(Exception? error) => TryFinish(error, cancelled: error is null);

    /// <summary>Counts a crash of a worker while it ran item <paramref name="index"/>; returns the count so far.</summary>
    public int NoteCrash(int index)
    {
        _crashes ??= new byte[Count];
        return _crashes[index] = (byte)Math.Min(_crashes[index] + 1, byte.MaxValue);
    }

    /// <summary>
    /// Reads a value item <paramref name="index"/> reported through its <see cref="IProgress{T}"/> parameter and queues
    /// it for the caller's instance; called on a worker's reader thread.
    /// </summary>
    /// <exception cref="ProtocolException">The item's call takes no <see cref="IProgress{T}"/>, or the value does not decode.</exception>
    public void ReadProgress(int index, ref WireReader value)
    {
        Call call = ReportingCall(index) ?? throw new ProtocolException(
            $"The child reported progress for '{MethodName(index)}', which takes no IProgress<T>.");
        ProgressRelay relay = Volatile.Read(ref _progress) ?? CreateProgressRelay();
        call.ReadProgressFrom(ref value, relay);
    }

    /// <summary>
    /// Reads an entry item <paramref name="index"/> logged through its <c>ILogger</c> parameter in child process
    /// <paramref name="pid"/> and queues it for the caller's logger; called on a worker's reader thread. The entry is
    /// decoded whole even when nobody will log it.
    /// </summary>
    /// <exception cref="ProtocolException">The entry does not decode.</exception>
    public void ReadLog(int index, ref WireReader entry, int pid)
    {
        LogEntry decoded = LogEntryCodec.Read(ref entry, pid);
        if (ReportingCall(index)?.CallerLogger is { } logger)
        {
            ProgressRelay relay = Volatile.Read(ref _progress) ?? CreateProgressRelay();
            relay.PostLog(logger, decoded);
        }
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

    /// <summary>Told as the outcome is published, before the caller resumes: the owner stops tracking the job.</summary>
    public Action<WorkJob>? Published { get; set; }

    /// <summary>
    /// Completes the caller's task with the decided outcome; may run the caller's continuation inline. While reports
    /// of the job's calls are still being delivered, the relay publishes after them instead.
    /// </summary>
    public void Publish()
    {
        ProgressRelay? progress = Volatile.Read(ref _progress);
        if (progress is not null && progress.DeferPublish())
        {
            return;
        }

        Published?.Invoke(this);
        Exception? error = _outcome as Exception;
        if (ReferenceEquals(_outcome, Succeeded) && progress?.Error is { } reportError)
        {
            // The caller's Report threw after the calls had returned: the caller hears of it instead of the result.
            error = reportError;
        }

        Publish(error, ReferenceEquals(_outcome, Cancelled));
    }

    void IThreadPoolWorkItem.Execute() => Publish();

    protected virtual void OnSettled(int first, int count)
    {
    }

    /// <summary>
    /// Item <paramref name="index"/>'s call, whose generated code reads what it reports and names the logger it logs to;
    /// null when it has none.
    /// </summary>
    protected virtual Call? ReportingCall(int index) => null;

    protected abstract void OnAllSettled();

    /// <summary>
    /// Decides the outcome (success when <paramref name="error"/> is null and not <paramref name="cancelled"/>) unless it
    /// is decided already, and has it published; false when another outcome won.
    /// </summary>
    protected bool TryFinish(Exception? error = null, bool cancelled = false)
    {
        object outcome = error ?? (cancelled ? Cancelled : Succeeded);
        if (Interlocked.CompareExchange(ref _outcome, outcome, null) is not null)
        {
            return false;
        }

        CallerResumption.Schedule(this);
        return true;
    }

    /// <summary>Completes the caller's task: the result, <paramref name="error"/>, or cancellation.</summary>
    protected abstract void Publish(Exception? error, bool cancelled);

    private ProgressRelay CreateProgressRelay()
    {
        // A map's items report through several workers' reader threads; they share one relay.
        var relay = new ProgressRelay(this);
        return Interlocked.CompareExchange(ref _progress, relay, null) ?? relay;
    }
}
