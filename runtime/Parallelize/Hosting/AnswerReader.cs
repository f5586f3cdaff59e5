using Parallelize.Bulk;
using Parallelize.Execution;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Hosting;

/// <summary>
/// The parent's decoding of one worker's frames: its hello first, then answers to the slices registered here, or a
/// fatal message. It keeps the slices sent and not fully answered, and settles each item as its answer is decoded.
/// </summary>
/// <remarks>
/// A frame either decodes completely or throws <see cref="ProtocolException"/>, and nothing else: the worker's bytes
/// are input the parent does not control, and any other exception would end the reader thread, and the parent with it.
/// After a <see cref="ProtocolException"/> the channel cannot be trusted; the owner kills the worker.
/// </remarks>
internal sealed class AnswerReader
{
    private readonly int _pid;
    private readonly IAnswerEvents _events;
    private readonly BulkSegment? _bulk;
    private readonly Dictionary<uint, WorkSlice> _inFlight = [];
    private uint _nextBatchId;
    private bool _helloReceived;

    /// <param name="pid">The worker's process id, which its hello must name.</param>
    /// <param name="events">Told of the hello and of every settled answer.</param>
    /// <param name="bulk">The worker's shared memory, where large blocks of answers lie (or the blocks the worker lent
    /// say when they are read) and arguments' blocks are freed; null when it has none.</param>
    public AnswerReader(int pid, IAnswerEvents events, BulkSegment? bulk = null)
    {
        _pid = pid;
        _events = events;
        _bulk = bulk;
        if (bulk is not null)
        {
            bulk.Receiver.PeerPid = pid;
        }
    }

    /// <summary>Why the worker said it is stopping, if it sent a fatal frame after its hello.</summary>
    public string? FatalMessage { get; private set; }

    /// <summary>The number of slices sent and not fully answered.</summary>
    public int InFlightCount
    {
        get
        {
            lock (_inFlight)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>Gives the slice a batch id and tracks it until it is answered or the worker dies.</summary>
    public void Register(WorkSlice slice)
    {
        lock (_inFlight)
        {
            slice.Id = ++_nextBatchId;
            slice.SentTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            _inFlight.Add(slice.Id, slice);
        }
    }

    /// <summary>Forgets a registered slice that could not be sent.</summary>
    public void Unregister(WorkSlice slice)
    {
        lock (_inFlight)
        {
            _inFlight.Remove(slice.Id);
        }
    }

    /// <summary>The slices sent and not fully answered, in no particular order.</summary>
    public WorkSlice[] InFlightSlices()
    {
        lock (_inFlight)
        {
            return [.. _inFlight.Values];
        }
    }

    /// <summary>The slice of batch <paramref name="batchId"/> if item <paramref name="index"/> of it is still unanswered.</summary>
    public WorkSlice? Unanswered(uint batchId, int index)
    {
        lock (_inFlight)
        {
            return _inFlight.TryGetValue(batchId, out WorkSlice? slice) && index >= slice.Answered && index < slice.Count
                ? slice
                : null;
        }
    }

    /// <summary>Removes and returns every slice not fully answered, in the order they were sent.</summary>
    public WorkSlice[] TakeUnfinished()
    {
        lock (_inFlight)
        {
            WorkSlice[] unfinished = [.. _inFlight.Values.OrderBy(static s => s.Id)];
            _inFlight.Clear();
            return unfinished;
        }
    }

    /// <summary>Decodes one frame from the worker and settles what it answers.</summary>
    /// <exception cref="ProtocolException">The frame is not what the worker may send at this point, or does not decode.</exception>
    public void Handle(Frame frame)
    {
        if (!_helloReceived)
        {
            CheckHello(frame);
            _helloReceived = true;
            _events.OnHello();
            return;
        }

        var reader = new WireReader(frame.Body, _bulk?.Receiver);
        switch (frame.Kind)
        {
            case FrameKind.Results:
                HandleResults(ref reader);
                break;
            case FrameKind.Progress:
                HandleProgress(ref reader);
                break;
            case FrameKind.Log:
                HandleLog(ref reader);
                break;
            case FrameKind.Fatal:
                FatalMessage = reader.ReadString();
                reader.EnsureEnd();
                break;
            default:
                throw new ProtocolException($"Unexpected {frame.Kind} frame from worker process {_pid}.");
        }
    }

    private void CheckHello(Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Hello:
                // A worker that can read this process may be lent arguments from now on.
                if (HelloCodec.Check(frame.Body, _pid) && _bulk is not null)
                {
                    _bulk.Sender.CanLend = true;
                }

                break;
            case FrameKind.Fatal:
                var fatal = new WireReader(frame.Body);
                throw new ProtocolException($"Worker process {_pid} refused to start: {fatal.ReadString()}");
            default:
                throw new ProtocolException($"Worker process {_pid} sent {frame.Kind} before its hello.");
        }
    }

    /// <summary>
    /// A value a running call reported: routed to its job, or dropped when the item was answered meanwhile (the child
    /// writes reports before answers, so that can only be a report the parent stopped waiting for).
    /// </summary>
    private void HandleProgress(ref WireReader reader)
    {
        if (RunningItem(ref reader, "reported progress for") is var (slice, index))
        {
            slice.Job.ReadProgress(slice.First + index, ref reader);
            reader.EnsureEnd();
        }
    }

    /// <summary>An entry a running call logged: routed to its job, or dropped like a late progress report.</summary>
    private void HandleLog(ref WireReader reader)
    {
        if (RunningItem(ref reader, "logged for") is var (slice, index))
        {
            slice.Job.ReadLog(slice.First + index, ref reader, _pid);
            reader.EnsureEnd();
        }
    }

    /// <summary>
    /// Reads the batch id and item index a progress or log frame starts with: the slice and slice-relative index of an
    /// item still unanswered, or null for an item answered meanwhile.
    /// </summary>
    /// <exception cref="ProtocolException">The item was never sent.</exception>
    private (WorkSlice Slice, int Index)? RunningItem(ref WireReader reader, string what)
    {
        uint batchId = reader.ReadUInt32();
        int index = reader.ReadInt32();
        WorkSlice? slice;
        bool sent;
        lock (_inFlight)
        {
            _inFlight.TryGetValue(batchId, out slice);
            sent = batchId != 0 && batchId <= _nextBatchId;
        }

        if (!sent || (slice is not null && (index < 0 || index >= slice.Count)))
        {
            throw new ProtocolException($"Worker process {_pid} {what} item {index} of batch {batchId}, which was never sent.");
        }

        return slice is null || index < slice.Answered ? null : (slice, index);
    }

    private void HandleResults(ref WireReader reader)
    {
        uint batchId = reader.ReadUInt32();
        int first = reader.ReadInt32();
        int count = reader.ReadInt32();
        WorkSlice? slice;
        lock (_inFlight)
        {
            _inFlight.TryGetValue(batchId, out slice);
        }

        // Checked against the slice, not the frame: the loop below runs at most the slice's unanswered count, and each
        // item reads at least its outcome byte, so a count the frame cannot hold fails at the frame's end.
        if (slice is null || first != slice.Answered || count < 1 || count > slice.Count - first)
        {
            throw new ProtocolException(
                $"Worker process {_pid} answered {count} item(s) from {first} of batch {batchId}, which are not pending.");
        }

        WorkJob job = slice.Job;
        int settled = 0;
        try
        {
            for (; settled < count; settled++)
            {
                // Returned results in one loop of the job's; the outcome that ends a run, one at a time here.
                job.CompleteReturned(slice.First + first, count, ref settled, ref reader);
                if (settled == count)
                {
                    break;
                }

                int index = first + settled;
                switch ((CallOutcome)reader.ReadByte())
                {
                    case CallOutcome.Threw:
                        job.Fail(slice.First + index, _events.TranslateError(slice.MethodName(index), RemoteErrorCodec.Read(ref reader, _pid)));
                        break;
                    case CallOutcome.Cancelled:
                        job.Fail(slice.First + index, new OperationCanceledException(
                            $"'{slice.MethodName(index)}' was cancelled before it started.", job.CancellationToken));
                        break;
                    default:
                        throw new ProtocolException($"Worker process {_pid} sent an unknown call outcome.");
                }
            }

            reader.EnsureEnd();
        }
        catch (ProtocolException error) when (settled < count)
        {
            // The item's bytes do not decode, and the ones after it cannot be found: it fails, the channel ends, and
            // the rest go back to the owner unanswered. A result lent by a worker that died before it could be read
            // stays unanswered too: the worker's exit settles it as a crash.
            if (!LenderGoneException.Caused(error))
            {
                job.Fail(slice.First + first + settled, error);
                settled++;
            }

            throw;
        }
        finally
        {
            if (settled > 0)
            {
                Settle(slice, first, settled);
            }
        }
    }

    private void Settle(WorkSlice slice, int first, int count)
    {
        lock (_inFlight)
        {
            slice.Answered = first + count;
            if (slice.Answered == slice.Count)
            {
                _inFlight.Remove(slice.Id);
            }
        }

        if (slice.Answered == slice.Count && slice.BulkBlocks is { } blocks)
        {
            // Every call of the batch has read its arguments, or never will: their blocks can be reused.
            _bulk?.Sender.Free(blocks);
        }

        slice.Job.Settled(slice.First + first, count);
        _events.OnAnswered(slice, first, count);
    }
}
