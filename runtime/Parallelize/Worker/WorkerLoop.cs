using Microsoft.Win32.SafeHandles;
using Parallelize.Dispatch;
using Parallelize.Hosting;
using Parallelize.Native;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// The child's side of the channel. A reader thread takes frames from descriptor 3 and queues calls; the main thread
/// runs them and writes answers to descriptor 4. The reader keeps reading while a call runs, so the parent's death
/// (end of stream on descriptor 3) ends the child at once, even in the middle of a CPU-bound call.
/// </summary>
/// <remarks>
/// The channel is raw descriptors wrapped in FileStream: Console and PipeStream would load ICU and the socket stack,
/// adding 15-25 ms to every child's start.
/// </remarks>
internal sealed class WorkerLoop
{
    private readonly WorkerSettings _settings;
    private readonly FileStream _input;
    private readonly FileStream _output;
    private readonly Queue<ReceivedCall> _calls = new();
    private readonly WireWriter _answer = new(4096);
    private bool _closed;

    public WorkerLoop(WorkerSettings settings)
    {
        _settings = settings;

        // Keep the channel out of any process this child starts in turn.
        FileDescriptors.SetCloseOnExec(WorkerEnvironment.RequestFd);
        FileDescriptors.SetCloseOnExec(WorkerEnvironment.ResponseFd);
        _input = new FileStream(new SafeFileHandle(WorkerEnvironment.RequestFd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
        _output = new FileStream(new SafeFileHandle(WorkerEnvironment.ResponseFd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    public int Run()
    {
        if (_settings.ProtocolVersion != ProtocolConstants.Version)
        {
            ExitWithFatal($"The parent speaks protocol {_settings.ProtocolVersion}; this child speaks {ProtocolConstants.Version}.");
        }

        WriteHello();
        var reader = new Thread(ReadFrames) { IsBackground = true, Name = "Parallelize worker reader" };
        reader.Start();
        while (TryTakeCall(out ReceivedCall? call))
        {
            Execute(call);
        }

        return WorkerExitCodes.Success;
    }

    private void WriteHello()
    {
        _answer.Reset();
        int start = FrameWriter.Begin(_answer, FrameKind.Hello);
        _answer.WriteUInt32(ProtocolConstants.Magic);
        _answer.WriteUInt16(ProtocolConstants.Version);
        _answer.WriteInt32(Environment.ProcessId);
        Span<byte> buildId = stackalloc byte[16];
        ProtocolConstants.RuntimeBuildId.TryWriteBytes(buildId);
        _answer.WriteRaw(buildId);
        FrameWriter.End(_answer, start, _settings.MaxFrameBytes);
        _output.Write(_answer.WrittenSpan);
    }

    private void ReadFrames()
    {
        try
        {
            var frames = new FrameReader(_input, _settings.MaxFrameBytes);
            while (frames.TryRead(out Frame frame))
            {
                switch (frame.Kind)
                {
                    case FrameKind.Call when !_closed:
                        Enqueue(ParseCall(frame.Body));
                        break;
                    case FrameKind.Close when !_closed:
                        Close();
                        break;
                    default:
                        throw new ProtocolException($"Unexpected {frame.Kind} frame from the parent.");
                }
            }
        }
        catch (ProtocolException e)
        {
            ExitWithFatal(e.Message);
        }
        catch (IOException)
        {
            // The descriptor failed: treat it as the parent's end closing.
        }

        // The parent is gone (or dropped this child): nothing may outlive it, whatever the main thread is doing.
        Libc._exit(WorkerExitCodes.ParentGone);
    }

    private static ReceivedCall ParseCall(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        uint callId = reader.ReadUInt32();
        string assemblyName = reader.ReadString() ?? throw new ProtocolException("A call names no assembly.");
        uint methodId = reader.ReadUInt32();
        return new ReceivedCall(callId, assemblyName, methodId, reader.ReadToEnd().ToArray());
    }

    private void Execute(ReceivedCall call)
    {
        _answer.Reset();
        int start = FrameWriter.Begin(_answer, FrameKind.Result);
        _answer.WriteUInt32(call.CallId);
        try
        {
            DispatchFunction dispatch = DispatcherRegistry.Resolve(call.AssemblyName);
            ValueTask running = dispatch(call.MethodId, call.Arguments, _answer);
            if (!running.IsCompletedSuccessfully)
            {
                running.AsTask().GetAwaiter().GetResult();
            }

            FrameWriter.End(_answer, start, _settings.MaxFrameBytes);
        }
        catch (Exception error)
        {
            _answer.Reset();
            start = FrameWriter.Begin(_answer, FrameKind.Error);
            _answer.WriteUInt32(call.CallId);
            RemoteErrorCodec.Write(_answer, error);
            FrameWriter.End(_answer, start, _settings.MaxFrameBytes);
        }

        _output.Write(_answer.WrittenSpan);
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

    private void Enqueue(ReceivedCall call)
    {
        lock (_calls)
        {
            _calls.Enqueue(call);
            Monitor.Pulse(_calls);
        }
    }

    private void Close()
    {
        lock (_calls)
        {
            _closed = true;
            Monitor.Pulse(_calls);
        }
    }

    private bool TryTakeCall([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReceivedCall? call)
    {
        lock (_calls)
        {
            while (_calls.Count == 0 && !_closed)
            {
                Monitor.Wait(_calls);
            }

            return _calls.TryDequeue(out call);
        }
    }
}
