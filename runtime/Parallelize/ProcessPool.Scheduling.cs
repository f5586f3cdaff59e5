using Parallelize.Execution;
using Parallelize.Hosting;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize;

public sealed partial class ProcessPool
{
    /// <summary>Frames for one worker are gathered up to this size, then written with one system call.</summary>
    private const int SendBatchBytes = 64 * 1024;

    /// <summary>True while this thread is inside <see cref="Pump"/>: a selector that calls the pool does not re-enter it.</summary>
    [ThreadStatic]
    private static bool t_pumping;

    /// <summary>Called as a job publishes its outcome, before its caller resumes.</summary>
    private void ForgetJob(WorkJob job)
    {
        lock (_lock)
        {
            _outstanding.Remove(job);
            if (_outstanding.Count == 0)
            {
                Monitor.PulseAll(_lock);
            }
        }
    }

    private void Submit(WorkJob job)
    {
        lock (_lock)
        {
            if (_state != PoolState.Running || _fault is not null)
            {
                job.Abandon(UnusableError());
                return;
            }

            if (job.IsFinished)
            {
                return; // an empty map
            }

            job.Published = _forgetJob;
            _jobs.AddLast(job);
            _outstanding.Add(job);
        }

        if (job.CancellationToken.CanBeCanceled)
        {
            CancellationTokenRegistration registration = job.CancellationToken.Register(
                static state => { var (pool, cancelled) = ((ProcessPool, WorkJob))state!; pool.Cancel(cancelled); }, (this, job));
            job.Completion.ContinueWith(static (_, state) => ((CancellationTokenRegistration)state!).Dispose(), registration,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        Pump();
    }

    /// <summary>Hands queued work to every worker with room, writing each worker's frames with one system call.</summary>
    private void Pump()
    {
        if (t_pumping)
        {
            return;
        }

        t_pumping = true;
        try
        {
            while (true)
            {
                List<(PoolWorker Worker, WireWriter Frames)>? sends = null;
                lock (_lock)
                {
                    if (_state is PoolState.Closed or PoolState.Terminated || _fault is not null)
                    {
                        return;
                    }

                    StartWorkers(force: false);
                    foreach (PoolWorker worker in _workers)
                    {
                        WireWriter? frames = FillFrames(worker);
                        if (frames is not null)
                        {
                            (sends ??= []).Add((worker, frames));
                        }
                    }
                }

                if (sends is null)
                {
                    return;
                }

                foreach ((PoolWorker worker, WireWriter frames) in sends)
                {
                    worker.Connection.Write(frames);
                }
            }
        }
        finally
        {
            t_pumping = false;
        }
    }

    /// <summary>Serializes as many slices as <paramref name="worker"/> has room for; null when it gets none.</summary>
    private WireWriter? FillFrames(PoolWorker worker)
    {
        WireWriter? frames = null;
        while ((frames is null || frames.Length < SendBatchBytes) && TakeSlice(worker) is { } slice)
        {
            frames ??= worker.Connection.RentBuffer();
            worker.Connection.Register(slice);
            try
            {
                SliceWriter.Write(frames, slice, _options.MaxFrameBytes);
            }
            catch (Exception error)
            {
                worker.Connection.Unregister(slice);
                RejectUnsendable(slice, error);
                continue;
            }

            worker.InFlightSlices++;
            worker.InFlightItems += slice.Count;
            worker.ItemsAssigned += slice.Count;
            if (_options.MaxTasksPerWorker is int budget && worker.ItemsAssigned >= budget)
            {
                // The worker runs what it has, then exits; a fresh one takes its place.
                // Pump's next round starts the replacement; the list of workers must not change under its loop.
                worker.State = PoolWorkerState.Retiring;
                worker.CloseSent = true;
                FrameWriter.WriteEmpty(frames, FrameKind.Close);
            }
        }

        return frames is { Length: > 0 } ? frames : null;
    }

    /// <summary>
    /// A slice that cannot be serialized (an argument over the frame limit, a throwing serializer): a single call fails
    /// with the error; a larger slice is split so that only the guilty call fails.
    /// </summary>
    private void RejectUnsendable(WorkSlice slice, Exception error)
    {
        if (slice.Count == 1)
        {
            slice.Job.Fail(slice.First, error);
            slice.Job.Settled(slice.First, 1);
            return;
        }

        for (int i = slice.Count - 1; i >= 0; i--)
        {
            _resends.AddFirst(slice.Part(i, i + 1));
        }
    }

    /// <summary>The next slice for <paramref name="worker"/>: calls to send again first, then queued jobs in order.</summary>
    private WorkSlice? TakeSlice(PoolWorker worker)
    {
        int budget = _options.MaxTasksPerWorker is int max ? max - worker.ItemsAssigned : int.MaxValue;
        if (budget <= 0)
        {
            return null;
        }

        while (_resends.First is { } node)
        {
            WorkSlice resend = node.Value;
            if (resend.Job.IsFinished)
            {
                _resends.RemoveFirst();
                continue;
            }

            if (!worker.CanTake(resend.Job))
            {
                return null;
            }

            _resends.RemoveFirst();
            if (resend.Count > budget)
            {
                _resends.AddFirst(resend.Part(budget, resend.Count));
                resend = resend.Part(0, budget);
            }

            return resend;
        }

        while (_jobs.First is { } jobNode)
        {
            WorkJob job = jobNode.Value;
            if (job.IsFinished || job.NextUnsent >= job.Count)
            {
                _jobs.RemoveFirst();
                continue;
            }

            if (!worker.CanTake(job))
            {
                return null;
            }

            int take = Math.Min(Math.Min(job.NextChunkSize(), job.Count - job.NextUnsent), budget);
            int prepared;
            try
            {
                prepared = job.Prepare(job.NextUnsent, take);
            }
            catch (Exception error)
            {
                // The selector threw: the map cannot go on.
                job.Abandon(error);
                _jobs.RemoveFirst();
                continue;
            }

            var slice = new WorkSlice(job, job.NextUnsent, prepared);
            job.NextUnsent += prepared;
            return slice;
        }

        return null;
    }

    /// <summary>Starts workers until the pool has its count of ones not retiring; lazily only when work waits.</summary>
    private void StartWorkers(bool force)
    {
        if (_state is PoolState.Closed or PoolState.Terminated || _fault is not null)
        {
            return;
        }

        if (!force && _jobs.Count == 0 && _resends.Count == 0)
        {
            return;
        }

        // Every process is spawned before any reader thread starts (WorkerConnection.Spawn says why).
        List<WorkerConnection>? spawned = null;
        try
        {
            while (_workers.Count(static w => w.State != PoolWorkerState.Retiring) < _options.WorkerCount)
            {
                var worker = new PoolWorker(this, ++_workersStarted);
                try
                {
                    // The worker's events take this lock, so none is handled before the worker is in the list.
                    worker.Connection = WorkerConnection.Spawn(
                        _workerOptions with { Name = worker.Name, WorkerId = worker.Id }, worker);
                }
                catch (Exception error)
                {
                    Fault(new InvalidOperationException($"The pool could not start a worker process: {error.Message}", error));
                    return;
                }

                _workers.Add(worker);
                (spawned ??= []).Add(worker.Connection);
            }
        }
        finally
        {
            foreach (WorkerConnection connection in spawned ?? [])
            {
                connection.StartReader();
            }
        }
    }
}
