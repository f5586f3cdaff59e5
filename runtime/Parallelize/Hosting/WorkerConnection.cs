using Microsoft.Win32.SafeHandles;
using Parallelize.Native;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Hosting;

/// <summary>
/// The parent's side of one child: sends call frames, and on a dedicated reader thread matches answers to pending
/// calls. When the child's end of the response pipe closes the child is reaped, and every call still pending fails
/// with <see cref="WorkerCrashedException"/> (or the <see cref="ProtocolException"/> that ended the channel): a call
/// never waits on a dead child.
/// </summary>
internal sealed class WorkerConnection : IDisposable
{
    private readonly ChildProcessHandle _process;
    private readonly FileStream _requests;
    private readonly FileStream _responses;
    private readonly int _maxFrameBytes;
    private readonly Dictionary<uint, PendingCall> _pending = [];
    private readonly TaskCompletionSource<ExitStatus> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _writeLock = new();
    private Task _writeTail = Task.CompletedTask;
    private uint _nextCallId;
    private bool _helloReceived;
    private string? _fatalMessage;

    private WorkerConnection(SpawnedChild child, int maxFrameBytes)
    {
        _process = new ChildProcessHandle(child.Pid);
        _requests = new FileStream(new SafeFileHandle(child.RequestWriteFd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
        _responses = new FileStream(new SafeFileHandle(child.ResponseReadFd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        _maxFrameBytes = maxFrameBytes;
    }

    public int Pid => _process.Pid;

    /// <summary>Completes with the exit status once the child has exited and every pending call has been settled.</summary>
    public Task<ExitStatus> Exited => _exited.Task;

    /// <summary>The exit status, or null while the child runs.</summary>
    public ExitStatus? Status => _process.Status;

    public static WorkerConnection Start(ChildProcessOptions options)
    {
        SpawnedChild child = ChildSpawner.Spawn(options);
        var connection = new WorkerConnection(child, options.MaxFrameBytes);
        var reader = new Thread(connection.ReadAnswers) { IsBackground = true, Name = $"Parallelize reader {child.Pid}" };
        reader.Start();
        return connection;
    }

    public void Signal(int signal) => _process.Signal(signal);

    /// <summary>Sends a call; with <paramref name="closeAfter"/>, also tells the child it gets no more calls.</summary>
    /// <exception cref="ProtocolException">The serialized call exceeds the frame limit.</exception>
    public PendingCall Send(Call call, bool closeAfter)
    {
        PendingCall pending = call.CreatePending();
        var frames = new WireWriter(256);
        uint callId;
        lock (_pending)
        {
            callId = ++_nextCallId;
            _pending.Add(callId, pending);
        }

        try
        {
            int start = FrameWriter.Begin(frames, FrameKind.Call);
            frames.WriteUInt32(callId);
            frames.WriteString(call.AssemblyName);
            frames.WriteUInt32(call.MethodId);
            call.WriteArgumentsTo(frames);
            FrameWriter.End(frames, start, _maxFrameBytes);
            if (closeAfter)
            {
                FrameWriter.WriteEmpty(frames, FrameKind.Close);
            }
        }
        catch
        {
            lock (_pending)
            {
                _pending.Remove(callId);
            }

            throw;
        }

        Write(frames);
        return pending;
    }

    /// <summary>Writes inline when the pipe can take the bytes at once; larger writes wait for the child off-thread.</summary>
    private void Write(WireWriter frames)
    {
        lock (_writeLock)
        {
            if (frames.Length <= ProtocolConstants.PipeCapacityBytes && _writeTail.IsCompleted)
            {
                WriteNow(frames);
            }
            else
            {
                _writeTail = _writeTail.ContinueWith(_ => WriteNow(frames), CancellationToken.None,
                    TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    private void WriteNow(WireWriter frames)
    {
        try
        {
            _requests.Write(frames.WrittenSpan);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The child is gone; the reader reports why to every pending call.
        }
    }

    private void ReadAnswers()
    {
        Exception? failure = null;
        try
        {
            var frames = new FrameReader(_responses, _maxFrameBytes);
            while (frames.TryRead(out Frame frame))
            {
                Handle(frame);
            }
        }
        catch (Exception e) when (e is ProtocolException or IOException)
        {
            failure = e as ProtocolException ?? new ProtocolException($"Reading from child process {Pid} failed: {e.Message}", e);
            _process.Signal(Libc.SIGKILL);
        }

        ExitStatus status = _process.WaitForExit();
        _responses.Dispose();
        _requests.Dispose();
        failure ??= _fatalMessage is null ? null : new ProtocolException($"Child process {Pid} stopped: {_fatalMessage}");
        FailPending(failure, status);
        _exited.TrySetResult(status);
    }

    private void Handle(Frame frame)
    {
        if (!_helloReceived)
        {
            CheckHello(frame);
            _helloReceived = true;
            return;
        }

        var reader = new WireReader(frame.Body);
        switch (frame.Kind)
        {
            case FrameKind.Result:
                TakePending(reader.ReadUInt32()).Complete(reader.ReadToEnd());
                break;
            case FrameKind.Error:
                PendingCall failed = TakePending(reader.ReadUInt32());
                failed.Fail(RemoteErrorCodec.Read(ref reader, Pid));
                break;
            case FrameKind.Fatal:
                _fatalMessage = reader.ReadString();
                break;
            default:
                throw new ProtocolException($"Unexpected {frame.Kind} frame from child process {Pid}.");
        }
    }

    private void CheckHello(Frame frame)
    {
        if (frame.Kind == FrameKind.Fatal)
        {
            var fatal = new WireReader(frame.Body);
            throw new ProtocolException($"Child process {Pid} refused to start: {fatal.ReadString()}");
        }

        if (frame.Kind != FrameKind.Hello)
        {
            throw new ProtocolException($"Child process {Pid} sent {frame.Kind} before its hello.");
        }

        var reader = new WireReader(frame.Body);
        uint magic = reader.ReadUInt32();
        ushort version = reader.ReadUInt16();
        int pid = reader.ReadInt32();
        var buildId = new Guid(reader.ReadToEnd());
        if (magic != ProtocolConstants.Magic || version != ProtocolConstants.Version || pid != Pid)
        {
            throw new ProtocolException($"Child process {Pid} sent a malformed hello (magic 0x{magic:X8}, version {version}, pid {pid}).");
        }

        if (buildId != ProtocolConstants.RuntimeBuildId)
        {
            throw new ProtocolException(
                $"Child process {Pid} runs a different build of Parallelize ({buildId}) than the parent ({ProtocolConstants.RuntimeBuildId}).");
        }
    }

    private PendingCall TakePending(uint callId)
    {
        lock (_pending)
        {
            return _pending.Remove(callId, out PendingCall? pending)
                ? pending
                : throw new ProtocolException($"Child process {Pid} answered call {callId}, which is not pending.");
        }
    }

    private void FailPending(Exception? failure, ExitStatus status)
    {
        PendingCall[] pending;
        lock (_pending)
        {
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (PendingCall call in pending)
        {
            call.Fail(failure ?? new WorkerCrashedException(
                $"Child process {Pid} {status} before it answered '{call.Call.MethodName}'.", Pid, status.Code, status.Signal));
        }
    }

    public void Dispose()
    {
        _requests.Dispose();
    }
}
