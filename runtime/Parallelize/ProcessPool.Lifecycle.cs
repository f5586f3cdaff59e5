using System.Diagnostics;
using Parallelize.Execution;
using Parallelize.Native;

namespace Parallelize;

public sealed partial class ProcessPool
{
    /// <summary>How long closing waits for a worker to exit on its own before killing it.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Stops taking calls, waits until every queued and running call has finished, then lets the workers exit and
    /// waits for them (Python's <c>close()</c> then <c>join()</c>). Afterwards no worker process remains.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is <see cref="Shared"/>, which lives until the process exits.</exception>
    public async ValueTask DisposeAsync()
    {
        Task drained;
        lock (_lock)
        {
            ThrowIfShared();
            if (_state == PoolState.Running)
            {
                _state = PoolState.Draining;
            }

            drained = Task.WhenAll(_outstanding.Select(static job => job.Completion));
        }

        try
        {
            await drained.ConfigureAwait(false);
        }
        catch
        {
            // Failed calls report to their own callers.
        }

        Task[] exits;
        lock (_lock)
        {
            if (_state == PoolState.Draining)
            {
                _state = PoolState.Closed;
            }

            foreach (PoolWorker worker in _workers)
            {
                Retire(worker);
            }

            exits = [.. _workers.Select(static w => (Task)w.Connection.Exited)];
        }

        _watchdog?.Dispose();
        Task all = Task.WhenAll(exits);
        if (await Task.WhenAny(all, Task.Delay(CloseTimeout)).ConfigureAwait(false) != all)
        {
            TerminateCore();
        }

        await all.ConfigureAwait(false);
    }

    /// <summary>Same as <see cref="DisposeAsync"/>, blocking.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Kills every worker now (Python's <c>terminate()</c>) and waits until they are reaped. Calls not yet finished
    /// fail with <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is <see cref="Shared"/>, which lives until the process exits.</exception>
    public void Terminate()
    {
        lock (_lock)
        {
            ThrowIfShared();
        }

        TerminateCore();
    }

    private void TerminateCore()
    {
        Task[] exits;
        lock (_lock)
        {
            _state = PoolState.Terminated;
            var error = new ObjectDisposedException(nameof(ProcessPool), "The pool was terminated before the call finished.");
            foreach (WorkJob job in _outstanding.ToArray())
            {
                job.Abandon(error);
            }

            _jobs.Clear();
            _resends.Clear();
            foreach (PoolWorker worker in _workers)
            {
                worker.Kill ??= new WorkerKill(WorkerKillReason.Terminated, null, -1);
                worker.Connection.Signal(Libc.SIGKILL);
            }

            exits = [.. _workers.Select(static w => (Task)w.Connection.Exited)];
        }

        _watchdog?.Dispose();
        Task.WaitAll(exits, CloseTimeout);
    }

    /// <summary>Cancels a job: queued items are dropped, and workers running its items are told, then killed.</summary>
    private void Cancel(WorkJob job)
    {
        List<(PoolWorker Worker, uint BatchId)> cancels = [];
        lock (_lock)
        {
            if (job.IsFinished)
            {
                return;
            }

            job.Abandon(null);
            foreach (PoolWorker worker in _workers)
            {
                if (worker.State is PoolWorkerState.Starting or PoolWorkerState.Dead)
                {
                    continue;
                }

                foreach (WorkSlice slice in worker.Connection.InFlightSlices())
                {
                    if (slice.Job == job)
                    {
                        cancels.Add((worker, slice.Id));
                    }
                }

                (WorkSlice? running, int index, _) = worker.Connection.RunningItem();
                if (running?.Job != job || worker.Kill is not null)
                {
                    continue;
                }

                if (job.ObservesCancellation && _options.CancellationGracePeriod > TimeSpan.Zero)
                {
                    KillAfterGrace(worker, running, index);
                }
                else
                {
                    KillFor(worker, new WorkerKill(WorkerKillReason.Cancelled, running, index));
                }
            }
        }

        foreach ((PoolWorker worker, uint batchId) in cancels)
        {
            worker.Connection.SendCancel(batchId);
        }
    }

    /// <summary>Kills the worker if it is still running the same call once the grace period has passed.</summary>
    private void KillAfterGrace(PoolWorker worker, WorkSlice slice, int index)
    {
        Task.Delay(_options.CancellationGracePeriod).ContinueWith(_ =>
        {
            lock (_lock)
            {
                if (worker.State != PoolWorkerState.Dead && worker.Kill is null &&
                    worker.Connection.RunningItem() is (WorkSlice running, int runningIndex, _) &&
                    running == slice && runningIndex == index)
                {
                    KillFor(worker, new WorkerKill(WorkerKillReason.Cancelled, slice, index));
                }
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Runs on the watchdog timer: kills any worker whose running call is past <see cref="ProcessPoolOptions.CallTimeout"/>.</summary>
    private void EnforceTimeouts()
    {
        long limit = (long)(_options.CallTimeout!.Value.TotalSeconds * Stopwatch.Frequency);
        lock (_lock)
        {
            long now = Stopwatch.GetTimestamp();
            foreach (PoolWorker worker in _workers)
            {
                if (worker.State is PoolWorkerState.Starting or PoolWorkerState.Dead || worker.Kill is not null || worker.InFlightSlices == 0)
                {
                    continue;
                }

                // Worker and parent read the same machine-wide monotonic clock, so the child's start time compares.
                (WorkSlice? slice, int index, long started) = worker.Connection.RunningItem();
                if (slice is not null && started != 0 && now - started > limit)
                {
                    KillFor(worker, new WorkerKill(WorkerKillReason.Timeout, slice, index));
                }
            }
        }
    }

    private static void KillFor(PoolWorker worker, WorkerKill kill)
    {
        worker.Kill = kill;
        worker.Connection.Signal(Libc.SIGKILL);
    }

    private void ThrowIfShared()
    {
        if (_isShared)
        {
            throw new InvalidOperationException("ProcessPool.Shared lives until the process exits and cannot be disposed; create a ProcessPool of your own to control its lifetime.");
        }
    }

    private void ThrowIfUnusable()
    {
        if (_state != PoolState.Running || _fault is not null)
        {
            throw UnusableError();
        }
    }

    private Exception UnusableError() =>
        _fault ?? new ObjectDisposedException(nameof(ProcessPool), $"The pool is {_state.ToString().ToLowerInvariant()} and takes no more calls.");
}
