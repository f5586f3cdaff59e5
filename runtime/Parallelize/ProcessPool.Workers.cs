using System.Diagnostics;
using Parallelize.Execution;
using Parallelize.Hosting;
using Parallelize.Serialization;

namespace Parallelize;

public sealed partial class ProcessPool
{
    /// <summary>Workers that die before their hello this many times in a row mean none can start: the pool stops.</summary>
    private const int MaxStartFailures = 3;

    void IPoolWorkerEvents.OnReady(PoolWorker worker)
    {
        WireWriter? frames = null;
        lock (_lock)
        {
            _startFailures = 0;
            if (worker.State != PoolWorkerState.Starting)
            {
                return;
            }

            if (_options.Initializer is { } initializer)
            {
                worker.State = PoolWorkerState.Initializing;
                var slice = new WorkSlice(new SingleVoidCallJob(initializer, default), 0, 1);
                worker.Connection.Register(slice);
                frames = worker.Connection.RentBuffer();
                try
                {
                    SliceWriter.Write(frames, slice, _options.MaxFrameBytes);
                }
                catch (Exception error)
                {
                    Fault(new InvalidOperationException($"The pool's initializer '{initializer.MethodName}' cannot be sent: {error.Message}", error));
                    return;
                }

                worker.InFlightSlices++;
                worker.InFlightItems++;
            }
            else
            {
                worker.State = PoolWorkerState.Ready;
                worker.Ready.TrySetResult();
            }
        }

        if (frames is not null)
        {
            worker.Connection.Write(frames);
        }
        else
        {
            Pump();
        }
    }

    void IPoolWorkerEvents.OnAnswered(PoolWorker worker, WorkSlice slice, int first, int count)
    {
        lock (_lock)
        {
            worker.InFlightItems -= count;
            if (first + count == slice.Count)
            {
                // Service time, not latency: a slice queued behind others on the worker starts when the one before
                // it is answered, so queueing does not make fast calls look slow.
                long now = Stopwatch.GetTimestamp();
                slice.Job.Observe(now - Math.Max(slice.SentTimestamp, worker.LastAnswerTimestamp), slice.Count);
                worker.LastAnswerTimestamp = now;
                worker.InFlightSlices--;
            }

            if (worker.State == PoolWorkerState.Initializing)
            {
                if (slice.Job.FinishedSuccessfully)
                {
                    worker.State = PoolWorkerState.Ready;
                    worker.Ready.TrySetResult();
                }
                else
                {
                    Fault(new InvalidOperationException(
                        $"The pool's initializer '{slice.MethodName(0)}' failed in worker process {worker.Connection.Pid}; " +
                        "the pool runs no more calls.", slice.Job.FinishedError));
                    return;
                }
            }
        }
    }

    void IPoolWorkerEvents.OnDrained(PoolWorker worker) => Pump();

    Exception IPoolWorkerEvents.TranslateError(PoolWorker worker, string method, Exception error)
    {
        if (error is ProtocolException)
        {
            // The worker refused the call's bytes: an unknown method or assembly, arguments that do not decode, a
            // result over the limit. Its channel is still in step, so it finishes what it has queued rather than being
            // killed with innocent calls in flight; a new worker takes its place. (An initializer's failure faults the
            // pool instead, when the answer is settled.)
            lock (_lock)
            {
                if (worker.State is not PoolWorkerState.Initializing)
                {
                    Retire(worker);
                }
            }

            return error;
        }

        if (_options.MemoryLimitBytes is long limit &&
            error is RemoteException { RemoteType: "System.OutOfMemoryException" })
        {
            lock (_lock)
            {
                Retire(worker);
            }

            return new WorkerMemoryLimitException(
                $"'{method}' ran out of memory in worker process {worker.Connection.Pid}, whose GC heap is limited to " +
                $"{limit / (1024 * 1024)} MiB (ProcessPoolOptions.MemoryLimitBytes); the worker is replaced.", limit, error);
        }

        return error;
    }

    void IPoolWorkerEvents.OnExited(PoolWorker worker, ExitStatus status, Exception? failure, IReadOnlyList<WorkSlice> unfinished)
    {
        lock (_lock)
        {
            bool wasReady = worker.State is not PoolWorkerState.Starting;
            bool wasInitializing = worker.State is PoolWorkerState.Initializing;
            worker.State = PoolWorkerState.Dead;
            _workers.Remove(worker);
            Exception crash = failure ?? new WorkerCrashedException(
                $"Worker process {worker.Connection.Pid} {status} before it was ready.", worker.Connection.Pid, status.Code, status.Signal);
            worker.Ready.TrySetException(crash);
            // SIGKILL means someone (the OOM killer, an operator) killed it; a worker that cannot start exits or aborts,
            // or is killed by the parent itself for a hello it refuses (failure), which a new worker would repeat.
            bool failedToStart = !wasReady && worker.Kill is null && (failure is not null || status.Signal != Native.Libc.SIGKILL);
            if (failedToStart && _state == PoolState.Running && ++_startFailures >= MaxStartFailures)
            {
                string reason = $"Worker processes fail to start: the last one, {worker.Connection.Pid}, {status}";
                Fault(crash is ProtocolException
                    ? new ProtocolException($"{reason}: {crash.Message}", crash)
                    : new InvalidOperationException(reason + ".", crash));
            }

            (uint runningBatch, int runningIndex, _) = worker.Connection.LastStarted();
            foreach (WorkSlice slice in unfinished)
            {
                if (slice.Job.IsFinished)
                {
                    continue;
                }

                if (wasInitializing)
                {
                    // Only the initializer is in flight while a worker initializes.
                    Fault(new InvalidOperationException(
                        $"The pool's initializer '{slice.MethodName(0)}' did not finish: worker process {worker.Connection.Pid} {status}.", crash));
                    continue;
                }

                int culprit = slice.Id == runningBatch && runningIndex >= slice.Answered ? runningIndex : -1;
                if (culprit < 0)
                {
                    _resends.AddFirst(slice.Part(slice.Answered, slice.Count));
                    continue;
                }

                // Calls after the one that was running never started; those before it finished but their answers died
                // with the worker. Both run again; the running one fails (or is retried).
                if (culprit + 1 < slice.Count)
                {
                    _resends.AddFirst(slice.Part(culprit + 1, slice.Count));
                }

                SettleCulprit(worker, slice, culprit, status, failure);
                if (culprit > slice.Answered)
                {
                    _resends.AddFirst(slice.Part(slice.Answered, culprit));
                }
            }

            if (_state == PoolState.Closed || _state == PoolState.Terminated)
            {
                return;
            }
        }

        Pump();
    }

    /// <summary>Settles the call that was running when its worker died, by what killed the worker.</summary>
    private void SettleCulprit(PoolWorker worker, WorkSlice slice, int index, ExitStatus status, Exception? failure)
    {
        WorkJob job = slice.Job;
        int jobIndex = slice.First + index;
        string method = slice.MethodName(index);
        int pid = worker.Connection.Pid;
        Exception error;
        if (worker.Kill is { Reason: WorkerKillReason.Timeout } kill && kill.Slice == slice && kill.Index == index)
        {
            error = new TimeoutException(
                $"'{method}' did not finish within {_options.CallTimeout} (ProcessPoolOptions.CallTimeout); " +
                $"worker process {pid} was killed and replaced.");
        }
        else if (failure is not null)
        {
            error = failure;
        }
        else if (job.NoteCrash(jobIndex) <= _options.RetriesAfterCrash)
        {
            _resends.AddFirst(slice.Part(index, index + 1));
            return;
        }
        else
        {
            string memory = _options.MemoryLimitBytes is long limit
                ? $" Its GC heap was limited to {limit / (1024 * 1024)} MiB (ProcessPoolOptions.MemoryLimitBytes)."
                : "";
            error = new WorkerCrashedException(
                $"Worker process {pid} {status} while running '{method}'; the pool replaced it.{memory}",
                pid, status.Code, status.Signal);
        }

        job.Fail(jobIndex, error);
        job.Settled(jobIndex, 1);
    }

    /// <summary>Lets a worker finish what it has, then exit; a replacement starts when work needs it.</summary>
    private void Retire(PoolWorker worker)
    {
        if (worker.State is not PoolWorkerState.Dead)
        {
            worker.State = PoolWorkerState.Retiring;
        }

        if (!worker.CloseSent && worker.State is not PoolWorkerState.Dead)
        {
            worker.CloseSent = true;
            worker.Connection.SendClose();
        }
    }

    /// <summary>The pool cannot go on (its workers cannot start, its initializer failed): fail everything, stop the workers.</summary>
    private void Fault(Exception error)
    {
        if (_fault is not null)
        {
            return;
        }

        _fault = error;
        foreach (WorkJob job in _outstanding.ToArray())
        {
            job.Abandon(error);
        }

        _jobs.Clear();
        _resends.Clear();
        foreach (PoolWorker worker in _workers)
        {
            worker.Ready.TrySetException(error);
            Retire(worker);
        }
    }
}
