using System.Diagnostics;
using Parallelize.Bulk;
using Parallelize.Dispatch;
using Parallelize.Hosting;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// Runs the calls of a received batch in order: decodes each call's method id and arguments through the generated
/// dispatch function of the batch's assembly, runs it, and writes its outcome to the <see cref="ResultsWriter"/>.
/// </summary>
/// <remarks>
/// Nothing a call does or a corrupt batch holds escapes: every exception becomes that call's error. A
/// <see cref="ProtocolException"/> from the dispatch function before it returns means the arguments may no longer line
/// up with the calls, so every later call of the batch fails too; the next batch starts in a frame of its own, in step
/// again.
/// </remarks>
internal sealed class BatchRunner
{
    private readonly ResultsWriter _results;
    private readonly CallReporting _reporting;
    private readonly BulkSegment? _bulk;
    private readonly ProgressSlot _progress;
    private readonly bool _recordStartTimes;
    private readonly Func<string, DispatchFunction> _resolve;

    /// <summary>The method of the batch's first call: a traced batch's frame names that one.</summary>
    private uint _firstMethodId;

    /// <param name="results">Where the answers go.</param>
    /// <param name="reporting">The live <see cref="IProgress{T}"/> reporters of the call being run.</param>
    /// <param name="bulk">The shared memory large argument blocks are read from and result blocks written to; null
    /// when the worker has none.</param>
    /// <param name="progress">Where each call's start is recorded for the parent.</param>
    /// <param name="recordStartTimes">Whether the start time is recorded too, for timeouts.</param>
    /// <param name="resolve">Finds an assembly's dispatch function; <see cref="DispatcherRegistry.Resolve"/> but in tests.</param>
    public BatchRunner(
        ResultsWriter results,
        CallReporting reporting,
        BulkSegment? bulk,
        ProgressSlot progress,
        bool recordStartTimes,
        Func<string, DispatchFunction> resolve)
    {
        _results = results;
        _reporting = reporting;
        _bulk = bulk;
        _progress = progress;
        _recordStartTimes = recordStartTimes;
        _resolve = resolve;
    }

    /// <summary>Runs the batch's calls, or answers them as cancelled once <paramref name="cancellation"/> fires.</summary>
    public void Execute(ReceivedBatch batch, CancellationToken cancellation)
    {
        var items = new WireReader(batch.Items, _bulk?.Receiver);
        _results.Begin(batch.Id, 0);
        for (int next = 0; next < batch.Count;)
        {
            next = RunFrom(batch, ref items, next, cancellation);
        }

        _results.End();
    }

    /// <summary>
    /// Runs the calls from <paramref name="first"/> on until the batch ends or one throws; returns where to go on.
    /// </summary>
    /// <remarks>
    /// One exception handler around the whole run rather than one per call: a map of tiny calls spends most of its
    /// time in this loop, and the handler's bookkeeping cost as much as the call itself.
    /// </remarks>
    private int RunFrom(ReceivedBatch batch, ref WireReader items, int first, CancellationToken cancellation)
    {
        WireWriter answer = _results.Buffer;
        int i = first;
        int mark = answer.Length;
        long bulkMark = _bulk?.Sender.Mark() ?? 0;
        bool inStep = false;

        // Set while the answered call is counted: a failure to pass answers on (the parent gone) is the worker's, not
        // the call's, and leaves the batch.
        bool counting = false;
        bool sharedMethod = batch.SharedMethodId.HasValue;
        uint sharedMethodId = batch.SharedMethodId.GetValueOrDefault();
        try
        {
            DispatchFunction dispatch = _resolve(batch.AssemblyName);
            for (; i < batch.Count; i++)
            {
                if (cancellation.IsCancellationRequested)
                {
                    break;
                }

                mark = answer.Length;
                bulkMark = _bulk?.Sender.Mark() ?? 0;
                inStep = false;
                answer.WriteByte((byte)CallOutcome.Returned);
                uint methodId = sharedMethod ? sharedMethodId : items.ReadUInt32();
                if (i == 0)
                {
                    _firstMethodId = methodId;
                }

                if (_recordStartTimes)
                {
                    _progress.MarkStartTime(Stopwatch.GetTimestamp());
                }

                _progress.MarkStarted(batch.Id, i);
                _reporting.Start(batch.Id, i);
                if (batch.Trace is { } trace)
                {
                    RunTraced(trace, batch.AssemblyName, dispatch, methodId, ref items, ref inStep, cancellation);
                }
                else
                {
                    ValueTask running = dispatch(methodId, ref items, answer, cancellation);

                    // The dispatch function returned, so it read exactly this call's arguments; whatever fails from
                    // here on (an awaited method, a result over the limit) leaves the next call where it should be.
                    inStep = true;
                    if (!running.IsCompletedSuccessfully)
                    {
                        running.AsTask().GetAwaiter().GetResult();
                    }
                }

                // Before the answer can be sent: no report of this call may follow it.
                _reporting.Finish();
                if (_results.OpenFrameBodyBytes > _results.MaxFrameBytes)
                {
                    throw new ProtocolException(
                        $"A result of {answer.Length - mark} bytes exceeds the limit of {_results.MaxFrameBytes} bytes (MaxFrameBytes).");
                }

                counting = true;
                _results.ItemDone(i + 1);
                if (_bulk is { Sender.HasLoans: true } bulk)
                {
                    // The result was lent: the next call could write to the array it returned (a buffer it keeps), so
                    // the parent reads it first.
                    _results.SendNow(i + 1);
                    bulk.Sender.WaitForLoans();
                }

                counting = false;
            }
        }
        catch (Exception error) when (!counting)
        {
            _reporting.Finish();
            _bulk?.Sender.Discard(bulkMark);
            WriteError(mark, error);
            _results.ItemDone(i + 1);
            if (error is ProtocolException && !inStep)
            {
                // Even with no bytes left: a count claiming more calls than there are would otherwise have each of
                // them throw, a stack trace per four bytes of the frame.
                FailRest(batch, i + 1, error);
                return batch.Count;
            }

            return i + 1;
        }

        // Cancelled: the rest never starts.
        AnswerCancelled(i, batch.Count);
        return batch.Count;
    }

    /// <summary>Runs one call of a traced batch inside its activity, which records the call's failure, if any.</summary>
    private void RunTraced(
        TraceContext trace,
        string assemblyName,
        DispatchFunction dispatch,
        uint methodId,
        ref WireReader items,
        ref bool inStep,
        CancellationToken cancellation)
    {
        Activity activity = StartActivity(trace, methodId == _firstMethodId ? trace.MethodName : null, assemblyName, methodId);
        try
        {
            ValueTask running = dispatch(methodId, ref items, _results.Buffer, cancellation);
            inStep = true;
            if (!running.IsCompletedSuccessfully)
            {
                running.AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception error)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message).SetTag("exception.type", error.GetType().FullName);
            throw;
        }
        finally
        {
            activity.Stop();

            // What the method left current on this thread (its own unstopped activity) must not parent the next call.
            Activity.Current = null;
        }
    }

    /// <summary>Answers the calls from <paramref name="from"/> on as cancelled; they never start, so their arguments
    /// need not be read.</summary>
    private void AnswerCancelled(int from, int count)
    {
        for (int i = from; i < count; i++)
        {
            _results.Buffer.WriteByte((byte)CallOutcome.Cancelled);
            _results.ItemDone(i + 1);
        }
    }

    /// <summary>
    /// Starts the activity a traced call runs in, child of the caller's: from <see cref="ParallelizeTelemetry.Source"/>
    /// when something listens to it, else a plain one, so that the method always sees the caller's trace in
    /// <see cref="Activity.Current"/>. Named after the method when the frame names it, else after its id.
    /// </summary>
    private static Activity StartActivity(TraceContext trace, string? methodName, string assemblyName, uint methodId)
    {
        string name = methodName ?? $"{assemblyName}#0x{methodId:X8}";
        Activity? activity = ParallelizeTelemetry.Source.StartActivity(name, ActivityKind.Server, trace.Context);
        if (activity is null)
        {
            activity = new Activity(name).SetParentId(trace.Context.TraceId, trace.Context.SpanId, trace.Context.TraceFlags);
            activity.TraceStateString = trace.Context.TraceState;
            activity.Start();
        }

        return activity;
    }

    /// <summary>Replaces what the call at <paramref name="mark"/> wrote with <paramref name="error"/>.</summary>
    private void WriteError(int mark, Exception error)
    {
        WireWriter answer = _results.Buffer;
        answer.Truncate(mark);
        answer.WriteByte((byte)CallOutcome.Threw);
        RemoteErrorCodec.Write(answer, error);
        if (_results.OpenFrameBodyBytes > _results.MaxFrameBytes)
        {
            // An exception whose message or stack is over the limit: ending the frame would throw and end the worker.
            answer.Truncate(mark);
            answer.WriteByte((byte)CallOutcome.Threw);
            RemoteErrorCodec.Write(answer, new ProtocolException(
                $"The {error.GetType().Name} the call threw does not fit the limit of {_results.MaxFrameBytes} bytes (MaxFrameBytes)."));
        }
    }

    /// <summary>Fails the calls from <paramref name="from"/> on, which cannot be found after a call that did not decode.</summary>
    private void FailRest(ReceivedBatch batch, int from, Exception error)
    {
        if (from >= batch.Count)
        {
            return;
        }

        // One short error, encoded once and copied: a corrupt count can leave a call for every four bytes of the
        // frame, and each must cost neither an allocation nor a stack trace's worth of bytes.
        var rest = new ProtocolException(
            $"Not run: call {from - 1} of the batch failed to decode ({error.GetType().Name}), so this call cannot be found.");
        WireWriter answer = _results.Buffer;
        int mark = answer.Length;
        answer.WriteByte((byte)CallOutcome.Threw);
        RemoteErrorCodec.Write(answer, rest);
        byte[] encoded = answer.WrittenSpan[mark..].ToArray();
        _results.ItemDone(from + 1);
        for (int i = from + 1; i < batch.Count; i++)
        {
            answer.WriteRaw(encoded);
            _results.ItemDone(i + 1);
        }
    }
}
