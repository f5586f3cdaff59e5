using System.Diagnostics;
using Parallelize.Bulk;
using Parallelize.Dispatch;
using Parallelize.Hosting;
using Parallelize.Native;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// The child's side of the channel. Two threads take turns: whichever is woken when the parent writes to descriptor 3
/// reads the frames, queues the batches of calls, and, unless the other thread is running a batch, runs the queue in
/// order and answers on descriptor 4. While one thread runs a call the other waits for the parent, so the parent's
/// death (end of stream on descriptor 3) ends the child at once, even in the middle of a CPU-bound call, and a cancel
/// request reaches the running call.
/// </summary>
/// <remarks>
/// A lone call is read and run by the same thread: no second thread has to be woken on its way, which on virtual
/// machines costs as much as the pipe round trip itself. The channel is raw descriptors (DescriptorStream): Console
/// and PipeStream would load ICU and the socket stack, adding 15-25 ms to every child's start.
/// </remarks>
internal sealed class WorkerLoop
{
    /// <summary>A batch this quick is likely followed by more like it.</summary>
    private static readonly long QuickBatchTicks = Stopwatch.Frequency / 20_000;

    /// <summary>The second thread's stack, as large as a main thread's usually is, since either may run a call.</summary>
    private const int ThreadStackBytes = 8 * 1024 * 1024;

    private static readonly long HoldAnswersTicks = Stopwatch.Frequency / 2_000;

    private readonly WorkerSettings _settings;
    private readonly DescriptorStream _input;
    private readonly DescriptorStream _output;
    private readonly ProgressSlot _progress;

    /// <summary>The shared memory large arguments arrive in and large results leave through; null when there is none.</summary>
    private readonly BulkSegment? _bulk;

    /// <summary>Why the worker cannot serve, found before it could say so; null when it can.</summary>
    private readonly string? _startError;
    private readonly ResultsWriter _results;
    private readonly BatchRunner _runner;
    private readonly FrameReader _frames;
    private readonly object _readLock = new();
    private readonly Queue<ReceivedBatch> _batches = new();
    /// <summary>Batches cancelled before they started; made at the first such request, which most workers never get.</summary>
    private HashSet<uint>? _cancelledBeforeStart;
    private CancellationTokenSource _cancellation = new();
    private uint? _runningBatch;
    private bool _closed;

    /// <summary>True while one thread runs the queue; guarded by the queue's lock.</summary>
    private bool _running;
    private ChannelReadiness? _readiness;

    public WorkerLoop(WorkerSettings settings)
    {
        _settings = settings;

        // Keep the channel out of any process this child starts in turn.
        FileDescriptors.SetCloseOnExec(WorkerEnvironment.RequestFd);
        FileDescriptors.SetCloseOnExec(WorkerEnvironment.ResponseFd);
        _input = new DescriptorStream(WorkerEnvironment.RequestFd, canRead: true);
        _output = new DescriptorStream(WorkerEnvironment.ResponseFd, canRead: false);
        _progress = ProgressSlot.AttachInherited();
        try
        {
            _bulk = settings.MaxSharedMemoryBytes > 0 ? BulkSegment.AttachInherited(settings) : null;
            if (_bulk is not null && RemoteMemory.CanRead(settings.ParentPid, (nint)settings.LendProbeAddress, LendProbe.Value))
            {
                // Reading the parent works, so the parent, an ancestor under every ptrace policy that allows this, can
                // read this worker too: results are lent from now on, and the hello tells the parent to lend arguments.
                _bulk.Receiver.PeerPid = settings.ParentPid;
                _bulk.Sender.CanLend = true;
            }
        }
        catch (Exception e) when (e is ProtocolException or System.ComponentModel.Win32Exception)
        {
            _startError = $"The shared memory cannot be mapped: {e.Message}";
        }

        // Answers, progress reports and log entries share the channel: one lock keeps each frame whole.
        var outputLock = new object();
        _results = new ResultsWriter(_output, outputLock, settings.MaxFrameBytes);
        _results.Buffer.Bulk = _bulk?.Sender;
        var reporting = new CallReporting(_output, outputLock, settings.MaxFrameBytes);
        _runner = new BatchRunner(_results, reporting, _bulk, _progress, settings.RecordStartTimes, DispatcherRegistry.Resolve);
        _frames = new FrameReader(_input, settings.MaxFrameBytes);
    }

    /// <summary>Serves calls until the parent closes the channel or dies; exits the process, never returns.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void Run()
    {
        if (_settings.ProtocolVersion != ProtocolConstants.Version)
        {
            ExitWithFatal($"The parent speaks protocol {_settings.ProtocolVersion}; this child speaks {ProtocolConstants.Version}.");
        }

        if (_startError is not null)
        {
            ExitWithFatal(_startError);
        }

        _readiness = ChannelReadiness.Watch(WorkerEnvironment.RequestFd);
        WriteHello();
        var second = new Thread(Serve, ThreadStackBytes) { IsBackground = true, Name = "Parallelize worker" };
        second.Start();
        if (_settings.PreloadAssembly.Length > 0)
        {
            // While the parent has not sent anything yet: the first call need not wait for the load.
            DispatcherRegistry.TryPreload(_settings.PreloadAssembly);
        }

        Serve();
    }

    /// <summary>Both threads: wait for the parent, read what it wrote, run the queue unless the other thread does.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Serve()
    {
        while (true)
        {
            _readiness!.Wait();
            lock (_readLock)
            {
                ReadArrivedFrames();
                _readiness.Rearm();
            }

            RunQueue();
        }
    }

    /// <summary>Handles the frame that woke this thread and every complete frame read along with it.</summary>
    private void ReadArrivedFrames()
    {
        try
        {
            do
            {
                if (!_frames.TryRead(out Frame frame))
                {
                    // The parent is gone (or dropped this child): nothing may outlive it, whatever the other thread does.
                    Libc._exit(WorkerExitCodes.ParentGone);
                }

                Handle(frame);
            }
            while (_frames.HasBufferedFrame);
        }
        catch (ProtocolException e)
        {
            ExitWithFatal(e.Message);
        }
        catch (IOException)
        {
            // The descriptor failed: treat it as the parent's end closing.
            Libc._exit(WorkerExitCodes.ParentGone);
        }
    }

    private void Handle(Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Call when !_closed:
                Enqueue(RequestDecoder.ReadCall(frame.Body));
                break;
            case FrameKind.Cancel:
                Cancel(RequestDecoder.ReadCancel(frame.Body));
                break;
            case FrameKind.Close when !_closed:
                Close();
                break;
            default:
                throw new ProtocolException($"Unexpected {frame.Kind} frame from the parent.");
        }
    }

    /// <summary>Runs queued batches in order until none is left, unless the other thread is already at it.</summary>
    private void RunQueue()
    {
        lock (_batches)
        {
            if (_running)
            {
                return;
            }

            _running = true;
        }

        while (TryTakeBatch(out ReceivedBatch? batch, out CancellationToken cancellation))
        {
            long started = Stopwatch.GetTimestamp();
            _runner.Execute(batch, cancellation);
            batch.Release();
            FinishBatch(Stopwatch.GetTimestamp() - started);
        }
    }

    private void WriteHello()
    {
        var hello = new WireWriter(64);
        HelloCodec.Write(hello, Environment.ProcessId, ProtocolConstants.RuntimeBuildId, _bulk?.Sender.CanLend == true);
        try
        {
            _output.Write(hello.WrittenSpan);
        }
        catch (IOException)
        {
            // The parent exited before this worker could greet it: nobody is left to serve or to read an error.
            Libc._exit(WorkerExitCodes.ParentGone);
        }
    }

    /// <summary>
    /// Sends the answers, unless the batch was quick and another is already queued: then the next batch's answers go
    /// in the same write, and a stream of tiny calls costs one system call per burst instead of one per call. Answers
    /// are held at most one more batch and <see cref="HoldAnswersTicks"/> in all.
    /// </summary>
    private void FinishBatch(long elapsedTicks)
    {
        bool more;
        lock (_batches)
        {
            _runningBatch = null;
            if (_cancellation.IsCancellationRequested)
            {
                _cancellation = new CancellationTokenSource();
            }

            more = _batches.Count > 0;
        }

        if (!more || elapsedTicks > QuickBatchTicks || !_results.HeldFor(HoldAnswersTicks))
        {
            _results.Flush();
        }
    }

    private void ExitWithFatal(string message)
    {
        try
        {
            var fatal = new WireWriter();
            int start = FrameWriter.Begin(fatal, FrameKind.Fatal);
            fatal.WriteString(message);
            FrameWriter.End(fatal, start, int.MaxValue);
            _output.Write(fatal.WrittenSpan);
        }
        finally
        {
            Libc._exit(WorkerExitCodes.ProtocolViolation);
        }
    }

    private void Enqueue(ReceivedBatch batch)
    {
        lock (_batches)
        {
            _batches.Enqueue(batch);
        }
    }

    private void Cancel(uint batchId)
    {
        CancellationTokenSource? running = null;
        lock (_batches)
        {
            if (_runningBatch == batchId)
            {
                running = _cancellation;
            }
            else
            {
                // A batch already answered is not in the queue; remembering its id is harmless.
                (_cancelledBeforeStart ??= []).Add(batchId);
            }
        }

        // Outside the lock: cancellation runs the method's registered callbacks on this thread.
        running?.Cancel();
    }

    private void Close()
    {
        lock (_batches)
        {
            _closed = true;
        }
    }

    /// <summary>The next queued batch for the thread running the queue; when none is left, it stops running it.</summary>
    private bool TryTakeBatch(
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReceivedBatch? batch, out CancellationToken cancellation)
    {
        lock (_batches)
        {
            cancellation = default;
            if (!_batches.TryDequeue(out batch))
            {
                _running = false;
                if (_closed)
                {
                    // Every call the parent sent is answered and it will send no more.
                    _results.Flush();
                    Environment.Exit(WorkerExitCodes.Success);
                }

                return false;
            }

            _runningBatch = batch.Id;
            if (_cancelledBeforeStart is { Count: > 0 })
            {
                if (_cancelledBeforeStart.Remove(batch.Id))
                {
                    _cancellation.Cancel();
                }

                // Ids grow: a request for an earlier batch came after its answer and is stale.
                uint current = batch.Id;
                _cancelledBeforeStart.RemoveWhere(id => id < current);
            }

            cancellation = _cancellation.Token;
            return true;
        }
    }
}
