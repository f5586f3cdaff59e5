using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Parallelize.Execution;
using Parallelize.Logging;

namespace Parallelize.Dispatch;

/// <summary>
/// Hands the values a job's calls report in their children to the callers' <see cref="IProgress{T}"/> instances, and
/// the entries they log to the callers' <see cref="ILogger"/>s. A worker's reader thread reads each value or entry and
/// posts it here; the relay delivers on the thread pool, one at a time and in the order they arrived, so a slow or
/// blocking <c>Report</c> or logger delays only what comes after it, never the reading of answers, and never the
/// child. The job's outcome is published only once everything posted before it has been delivered; what is posted
/// after it is dropped.
/// </summary>
/// <remarks>
/// One relay serves a whole job (one call, or all items of a map), so even an <see cref="IProgress{T}"/> or logger
/// shared by a map's calls is never called by two threads at once. If a <c>Report</c> throws, the relay drops the
/// job's later reports and entries and the job fails with that exception: at once if it is still running, else
/// instead of its result. A logger that throws loses that entry and nothing else: logging never fails a call.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ProgressRelay : IThreadPoolWorkItem
{
    private readonly WorkJob _job;
    private readonly Queue<Delivery> _pending = new();
    private bool _draining;
    private bool _publishWhenDrained;
    private Exception? _error;

    internal ProgressRelay(WorkJob job) => _job = job;

    /// <summary>The first exception a caller's <c>Report</c> threw, once the relay has stopped delivering.</summary>
    internal Exception? Error
    {
        get
        {
            lock (_pending)
            {
                return _error;
            }
        }
    }

    /// <summary>Called by generated code with a value read from the child: queues it for <paramref name="target"/>.</summary>
    /// <param name="target">The caller's instance; null drops the value.</param>
    /// <param name="value">The reported value.</param>
    public void Post<T>(IProgress<T>? target, T value)
    {
        if (target is not null)
        {
            Enqueue(new Delivery<T>(target, value));
        }
    }

    /// <summary>Queues <paramref name="entry"/>, which a call logged in its child, for the caller's <paramref name="target"/>.</summary>
    internal void PostLog(ILogger target, LogEntry entry) => Enqueue(new LogDelivery(target, entry, _job.CallerContext));

    private void Enqueue(Delivery delivery)
    {
        lock (_pending)
        {
            if (_job.IsFinished || _error is not null)
            {
                return;
            }

            _pending.Enqueue(delivery);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>
    /// Called as the job's outcome is about to be published: true when reports are still being delivered, in which
    /// case the relay publishes it after the last of them.
    /// </summary>
    internal bool DeferPublish()
    {
        lock (_pending)
        {
            if (!_draining)
            {
                return false;
            }

            _publishWhenDrained = true;
            return true;
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        bool publish;
        while (true)
        {
            Delivery? next;
            lock (_pending)
            {
                if (!_pending.TryDequeue(out next))
                {
                    _draining = false;
                    publish = _publishWhenDrained;
                    _publishWhenDrained = false;
                    break;
                }
            }

            try
            {
                next.Deliver();
            }
            catch (Exception error)
            {
                lock (_pending)
                {
                    _error ??= error;
                    _pending.Clear();
                }

                // As a Report that throws in the method's own process ends the method: the caller gets the exception.
                _job.Abandon(error);
            }
        }

        if (publish)
        {
            _job.Publish();
        }
    }

    private abstract class Delivery
    {
        public abstract void Deliver();
    }

    private sealed class Delivery<T>(IProgress<T> target, T value) : Delivery
    {
        public override void Deliver() => target.Report(value);
    }

    /// <summary>Logs an entry in the caller's execution context, so the caller's scopes and activity apply to it.</summary>
    private sealed class LogDelivery(ILogger target, LogEntry entry, ExecutionContext? context) : Delivery
    {
        public override void Deliver()
        {
            if (context is null)
            {
                Write();
            }
            else
            {
                ExecutionContext.Run(context, static state => ((LogDelivery)state!).Write(), this);
            }
        }

        private void Write()
        {
            try
            {
                entry.WriteTo(target);
            }
            catch (Exception)
            {
                // A logger that throws loses this entry; the call, its result and later entries are not its to break.
            }
        }
    }
}
