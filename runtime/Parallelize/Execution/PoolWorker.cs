using Parallelize.Hosting;

namespace Parallelize.Execution;

/// <summary>
/// A pool's view of one worker: its channel, what it has been given, and why it is being killed, if it is. Mutable
/// state is guarded by the pool's lock; channel events are forwarded to the pool with the worker attached.
/// </summary>
internal sealed class PoolWorker : IWorkerEvents
{
    private readonly IPoolWorkerEvents _pool;

    /// <param name="pool">Where the worker's events go.</param>
    /// <param name="id">The worker's id in its pool, <see cref="ProcessContext.WorkerId"/> in the worker.</param>
    public PoolWorker(IPoolWorkerEvents pool, int id)
    {
        _pool = pool;
        Id = id;

        // A worker that never gets ready fails Ready; only StartAsync looks, so mark the failure observed.
        Ready.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The worker's id in its pool: 1 for the first worker started, then counting up, replacements included.</summary>
    public int Id { get; }

    /// <summary>The worker's name, <see cref="ProcessContext.Name"/> in the worker.</summary>
    public string Name => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PoolWorker-{Id}");

    public WorkerConnection Connection { get; set; } = null!;

    public PoolWorkerState State { get; set; } = PoolWorkerState.Starting;

    /// <summary>Completes when the worker is ready for calls (its initializer done); fails if it never gets there.</summary>
    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int InFlightSlices { get; set; }

    /// <summary>When the worker last finished a slice (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public long LastAnswerTimestamp { get; set; }

    public int InFlightItems { get; set; }

    /// <summary>Items handed to the worker so far, for <see cref="ProcessPoolOptions.MaxTasksPerWorker"/>.</summary>
    public int ItemsAssigned { get; set; }

    /// <summary>True once the worker has been told it gets no more calls; a second Close would break the protocol.</summary>
    public bool CloseSent { get; set; }

    /// <summary>Set when the pool kills the worker on purpose, naming the call that is the reason.</summary>
    public WorkerKill? Kill { get; set; }

    /// <summary>True when the worker may take another slice of <paramref name="job"/> now.</summary>
    /// <remarks>
    /// A second slice keeps a worker busy while an answer travels back, which pays only when items take less than a
    /// millisecond; jobs whose items prove fast may have many more in flight, so tiny calls are not bound by round
    /// trips. Items of unknown or long duration go one at a time: a slice queued behind a long one on a busy worker
    /// could have run on the next worker to come free, and the last items of a map would wait for nothing.
    /// </remarks>
    public bool CanTake(WorkJob job) =>
        State == PoolWorkerState.Ready &&
        (InFlightSlices == 0 ||
         (job.HasFastItems && InFlightSlices < 64 && InFlightItems < 8192) ||
         (job.HasSubMillisecondItems && InFlightSlices < 2));

    public void OnReady(WorkerConnection worker) => _pool.OnReady(this);

    public void OnAnswered(WorkerConnection worker, WorkSlice slice, int first, int count) =>
        _pool.OnAnswered(this, slice, first, count);

    public void OnDrained(WorkerConnection worker) => _pool.OnDrained(this);

    public Exception TranslateError(WorkerConnection worker, string methodName, Exception error) => _pool.TranslateError(this, methodName, error);

    public void OnExited(WorkerConnection worker, ExitStatus status, Exception? failure, IReadOnlyList<WorkSlice> unfinished) =>
        _pool.OnExited(this, status, failure, unfinished);
}
