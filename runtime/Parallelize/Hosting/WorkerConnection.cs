using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using Parallelize.Bulk;
using Parallelize.Execution;
using Parallelize.Native;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Hosting;

/// <summary>
/// The parent's side of one worker: writes batch frames, and on a dedicated reader thread settles the items of the
/// answers that come back. When the worker's end of the response pipe closes, the worker is reaped and the owner gets
/// every slice still unanswered: nothing waits on a dead worker.
/// </summary>
/// <remarks>
/// When a frame finishes a caller's job and the worker has nothing else in flight, the reader resumes that caller
/// itself (<see cref="CallerResumption"/>); should the caller's continuation hold it, <see cref="ReaderWatchdog"/> has a
/// new thread take over the reading.
/// </remarks>
internal sealed class WorkerConnection : IDisposable, IAnswerEvents
{
    private readonly ChildProcessHandle _process;
    private readonly NonBlockingPipeWriter _requests;
    private readonly FileStream _responses;
    private const int MaxSpareBuffers = 4;
    private const int SpareBufferBytes = 16 * 1024;
    private const int MaxSpareBufferBytes = 1024 * 1024;

    /// <summary>How long the exit of a worker whose output is prefixed waits for the rest of its lines.</summary>
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(2);

    private readonly ProgressSlot _progress;

    /// <summary>The relay of the worker's standard output and error, or null when they are not prefixed.</summary>
    private readonly PrefixedOutput? _output;

    /// <summary>The shared memory for large blocks, or null when the options turn it off.</summary>
    private readonly BulkSegment? _bulk;
    private readonly int _maxFrameBytes;
    private readonly IWorkerEvents _events;
    private readonly AnswerReader _answers;
    private readonly TaskCompletionSource<ExitStatus> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _writeLock = new();

    /// <summary>Send buffers written and ready for reuse; a map of many batches then allocates none.</summary>
    private readonly Stack<WireWriter> _spareBuffers = new();
    private readonly FrameReader _frames;
    private Task _writeTail = Task.CompletedTask;
    private bool _watched;

    /// <summary>0 while the reader reads; when it runs a caller's continuation, the time it began; -1 once rescued.</summary>
    private long _inlineSince;

    private WorkerConnection(
        SpawnedChild child, ActiveChild description, ProgressSlot progress, BulkSegment? bulk, PrefixedOutput? output,
        int maxFrameBytes, IWorkerEvents events)
    {
        _process = new ChildProcessHandle(description);
        _requests = new NonBlockingPipeWriter(child.RequestWriteFd);
        _responses = new FileStream(new SafeFileHandle(child.ResponseReadFd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        _progress = progress;
        _output = output;
        _bulk = bulk;
        _maxFrameBytes = maxFrameBytes;
        _events = events;
        _frames = new FrameReader(_responses, maxFrameBytes);
        _answers = new AnswerReader(child.Pid, this, bulk);
    }

    public int Pid => _process.Pid;

    /// <summary>Where the blocks of messages to this worker go when they are large; null when nothing is shared.</summary>
    public BulkSender? BulkSender => _bulk?.Sender;

    /// <summary>Completes with the exit status once the worker has exited and the owner has handled it.</summary>
    public Task<ExitStatus> Exited => _exited.Task;

    /// <summary>The exit status, or null while the worker runs.</summary>
    public ExitStatus? Status => _process.Status;

    /// <summary>
    /// Starts a worker whose hello, answers and exit are reported to <paramref name="events"/> once
    /// <see cref="StartReader"/> has run: a pool spawns all its workers first, since starting a thread waits until the
    /// thread runs, which on a busy machine took up to 4 ms and held back the next worker's start by as much.
    /// </summary>
    /// <param name="options">How to start the worker.</param>
    /// <param name="events">Where its hello, answers and exit are reported.</param>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    public static WorkerConnection Spawn(ChildProcessOptions options, IWorkerEvents events) =>
        Spawn(options, events, BulkSegment.TryCreate(options));

    /// <summary>Starts a worker that shares <paramref name="bulk"/>, which the connection owns from now on.</summary>
    /// <param name="options">How to start the worker.</param>
    /// <param name="events">Where its hello, answers and exit are reported.</param>
    /// <param name="bulk">The shared memory that messages already written for it may refer to, or null for none.</param>
    public static WorkerConnection Start(ChildProcessOptions options, IWorkerEvents events, BulkSegment? bulk)
    {
        WorkerConnection connection = Spawn(options, events, bulk);
        connection.StartReader();
        return connection;
    }

    /// <summary>Starts a worker that shares <paramref name="bulk"/>; nothing reads from it yet.</summary>
    private static WorkerConnection Spawn(ChildProcessOptions options, IWorkerEvents events, BulkSegment? bulk)
    {
        ProgressSlot progress;
        SpawnedChild child;
        try
        {
            progress = ProgressSlot.Create(out int progressFd);
            try
            {
                child = ChildSpawner.Spawn(options, progressFd, bulk?.TakeDescriptor() ?? -1);
            }
            catch
            {
                progress.Dispose();
                throw;
            }
        }
        catch
        {
            bulk?.Dispose();
            throw;
        }

        // ChildProcess and ProcessPool always name their children; "" only stands in for a name nobody gave.
        var description = new ActiveChild(child.Pid, options.Name ?? "", options.WorkerId is not null, options.WorkerId);
        PrefixedOutput? output = child.OutputReadFd >= 0
            ? PrefixedOutput.Start(child.OutputReadFd, child.ErrorReadFd, PrefixedOutput.PrefixOf(options, child.Pid))
            : null;
        return new WorkerConnection(child, description, progress, bulk, output, options.MaxFrameBytes, events);
    }

    /// <summary>
    /// Called by the watchdog: when the reader has run a caller's continuation for longer than
    /// <paramref name="stuckTicks"/>, a new reader thread takes over. True while the reader runs a continuation.
    /// </summary>
    public bool RescueReaderIfStuck(long now, long stuckTicks)
    {
        long since = Volatile.Read(ref _inlineSince);
        if (since <= 0)
        {
            return false;
        }

        if (now - since > stuckTicks && Interlocked.CompareExchange(ref _inlineSince, -1, since) == since)
        {
            StartReader();
        }

        return true;
    }

    public void Signal(int signal) => _process.Signal(signal);

    /// <summary>Gives the slice a batch id on this channel and tracks it until it is answered or the worker dies.</summary>
    public void Register(WorkSlice slice) => _answers.Register(slice);

    /// <summary>Forgets a registered slice that could not be sent.</summary>
    public void Unregister(WorkSlice slice) => _answers.Unregister(slice);

    /// <summary>The slices sent and not fully answered, in no particular order.</summary>
    public WorkSlice[] InFlightSlices() => _answers.InFlightSlices();

    /// <summary>The batch and item index the worker started last, and when (0 unless start times are recorded).</summary>
    public (uint BatchId, int Index, long StartTimestamp) LastStarted() => _progress.Read();

    /// <summary>The item the worker started last: a slice (if still unanswered there) and its index, and when.</summary>
    public (WorkSlice? Slice, int Index, long StartTimestamp) RunningItem()
    {
        (uint batchId, int index, long started) = _progress.Read();
        return _answers.Unanswered(batchId, index) is { } slice ? (slice, index, started) : (null, -1, 0);
    }

    /// <summary>A buffer to build frames in, for <see cref="Write"/>, which takes it back once written.</summary>
    public WireWriter RentBuffer()
    {
        lock (_writeLock)
        {
            return _spareBuffers.TryPop(out WireWriter? spare) ? spare : new WireWriter(SpareBufferBytes) { Bulk = BulkSender };
        }
    }

    /// <summary>Writes frames built by <see cref="SliceWriter"/> and friends, in order, without waiting for the worker.</summary>
    public void Write(WireWriter frames)
    {
        lock (_writeLock)
        {
            // What the pipe takes now goes inline; the rest waits for the worker off-thread, ahead of any later frames.
            int written = _writeTail.IsCompleted ? WriteAvailable(frames) : 0;
            if (written == frames.Length)
            {
                Recycle(frames);
                return;
            }

            _writeTail = _writeTail.ContinueWith(_ => WriteRest(frames, written), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Asks the worker to cancel the batch: its running call's token fires, its calls not started are skipped.</summary>
    public void SendCancel(uint batchId)
    {
        var frame = new WireWriter(16);
        int start = FrameWriter.Begin(frame, FrameKind.Cancel);
        frame.WriteUInt32(batchId);
        FrameWriter.End(frame, start, _maxFrameBytes);
        Write(frame);
    }

    /// <summary>Tells the worker it gets no more calls: it answers the queued ones, then exits.</summary>
    public void SendClose()
    {
        var frame = new WireWriter(16);
        FrameWriter.WriteEmpty(frame, FrameKind.Close);
        Write(frame);
    }

    public void Dispose()
    {
        _requests.Dispose();
    }

    /// <summary>Writes what the pipe takes at once; all of it when the worker is gone, whose reader reports it.</summary>
    private int WriteAvailable(WireWriter frames)
    {
        try
        {
            return _requests.WriteAvailable(frames.WrittenSpan);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return frames.Length;
        }
    }

    private void WriteRest(WireWriter frames, int from)
    {
        try
        {
            _requests.WriteAll(frames.WrittenSpan[from..]);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The worker is gone; the reader reports it with everything unanswered.
        }

        lock (_writeLock)
        {
            Recycle(frames);
        }
    }

    /// <summary>Keeps a written buffer for the next batch; called under the write lock.</summary>
    private void Recycle(WireWriter frames)
    {
        if (_spareBuffers.Count < MaxSpareBuffers && frames.Buffer.Length is >= SpareBufferBytes and <= MaxSpareBufferBytes)
        {
            frames.Reset();
            _spareBuffers.Push(frames);
        }
    }

    /// <summary>Starts the thread that reads the worker's frames and reports its exit; once per connection.</summary>
    public void StartReader()
    {
        var reader = new Thread(ReadAnswers) { IsBackground = true, Name = $"Parallelize reader {Pid}" };
        reader.Start();
    }

    private void ReadAnswers()
    {
        Exception? failure = null;
        try
        {
            while (_frames.TryRead(out Frame frame))
            {
                WorkJob? finished;
                bool drained = false;
                CallerResumption.Hold();
                try
                {
                    _answers.Handle(frame);
                    drained = !_frames.HasBufferedFrame;
                    if (drained)
                    {
                        _events.OnDrained(this);
                    }
                }
                finally
                {
                    // Only when no other answer is due may this thread lend itself to a caller.
                    finished = CallerResumption.Release(keepLast: drained && _answers.InFlightCount == 0);
                }

                if (finished is not null && !ResumeInline(finished))
                {
                    return; // rescued: another thread reads now
                }
            }
        }
        catch (Exception e)
        {
            // Not only ProtocolException and IOException: whatever ends this thread must end in killing the worker and
            // failing its calls, never in an unhandled exception that would take the parent down with it.
            // A worker that exited before its lent result was read broke nothing: its exit status says what happened.
            failure = LenderGoneException.Caused(e)
                ? null
                : e as ProtocolException ?? new ProtocolException($"Reading from worker process {Pid} failed: {e.Message}", e);
            _process.Signal(Libc.SIGKILL);
        }

        if (_watched)
        {
            ReaderWatchdog.Forget(this);
        }

        ExitStatus status = _process.WaitForExit();

        // What the worker printed is forwarded before its exit is reported; a process it started and that still holds
        // the pipes is not waited for past the limit (its lines keep being forwarded while it writes them).
        _output?.WaitForEnd(OutputDrainLimit);
        _responses.Dispose();
        _requests.Dispose();
        failure ??= _answers.FatalMessage is string fatal ? new ProtocolException($"Worker process {Pid} stopped: {fatal}") : null;
        WorkSlice[] unfinished = _answers.TakeUnfinished();

        try
        {
            _events.OnExited(this, status, failure, unfinished);
        }
        finally
        {
            _progress.Dispose();

            // The owner sends this worker nothing more now; a copy into the segment still running ends first.
            _bulk?.Dispose();
            _exited.TrySetResult(status);
        }
    }

    /// <summary>Publishes <paramref name="job"/> on this thread; false when the watchdog gave the reading to another.</summary>
    private bool ResumeInline(WorkJob job)
    {
        if (!_watched)
        {
            _watched = true;
            ReaderWatchdog.Watch(this);
        }

        long started = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _inlineSince, started);
        ReaderWatchdog.Nudge();
        bool stillReader = false;
        try
        {
            job.Publish();
        }
        finally
        {
            stillReader = Interlocked.CompareExchange(ref _inlineSince, 0, started) == started;
        }

        return stillReader;
    }

    void IAnswerEvents.OnHello() => _events.OnReady(this);

    Exception IAnswerEvents.TranslateError(string methodName, Exception error) => _events.TranslateError(this, methodName, error);

    void IAnswerEvents.OnAnswered(WorkSlice slice, int first, int count) => _events.OnAnswered(this, slice, first, count);
}
