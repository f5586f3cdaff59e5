using Parallelize.Dispatch;
using Parallelize.Protocol;
using Parallelize.Serialization;
using Parallelize.TestLibrary;
using Parallelize.Worker;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>
/// Feeds bytes to a worker's decoding of its parent's frames: the real <see cref="FrameReader"/>,
/// <see cref="RequestDecoder"/> and <see cref="BatchRunner"/>, which decodes each call through the generated dispatch
/// of <see cref="WireMethods"/>' assembly, in this process. A batch's calls fail one by one into their answers, never
/// out of the runner, so the harness records every exception the dispatch and the assembly lookup throw.
/// </summary>
/// <remarks>
/// Only side-effect-free methods may run with fuzzed arguments: the test assembly's own methods kill, exit and hang,
/// so the harness refuses to dispatch to it, and it refuses <see cref="LibraryMethods.Sleep"/>, the library's one
/// method that blocks. Any other assembly name goes to the real <see cref="DispatcherRegistry.Resolve"/>.
/// </remarks>
internal sealed class RequestHarness : IDisposable
{
    private const string TestAssembly = "Parallelize.Tests";
    private static readonly uint SleepId = LibraryMethods.Calls.Sleep(0).MethodId;

    private readonly FrameFeed _feed = new(AnswerSamples.MaxFrameBytes);
    private readonly InProcessWorker _worker;
    private readonly DispatchFunction _library;

    public RequestHarness()
    {
        _worker = new InProcessWorker(Stream.Null, AnswerSamples.MaxFrameBytes, Resolve);
        DispatchFunction real = DispatcherRegistry.Resolve(SampleCalls.Assembly);
        _library = (uint methodId, ref WireReader reader, WireWriter result, CancellationToken token) =>
        {
            if (methodId == SleepId)
            {
                throw DispatcherRegistry.UnknownMethod(SampleCalls.Assembly, methodId);
            }

            try
            {
                return real(methodId, ref reader, result, token);
            }
            catch (Exception e)
            {
                Thrown.Add(e);
                throw;
            }
        };
    }

    /// <summary>What the calls of the last input threw into the runner, each of which became a call's error.</summary>
    public List<Exception> Thrown { get; } = [];

    /// <summary>
    /// Decodes <paramref name="input"/> and runs its batches; returns null when every frame and call decoded, else
    /// what the frames threw or, failing that, what a call threw.
    /// </summary>
    /// <param name="input">The bytes and the sample they come from.</param>
    /// <param name="allocatedBytes">What this thread allocated while reading, decoding and running.</param>
    public Exception? Feed(FuzzInput input, out long allocatedBytes)
    {
        Thrown.Clear();
        _feed.Start(input.Bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exception? error = null;
        try
        {
            while (_feed.TryRead(out Frame frame))
            {
                Handle(frame);
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        allocatedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        _feed.Finish();

        // A call's error is the input's outcome too; one that is not a ProtocolException first, as it must not be.
        return error ?? Thrown.Find(static e => e is not ProtocolException) ?? Thrown.FirstOrDefault();
    }

    public void Dispose() => _worker.Dispose();

    /// <summary>What the worker loop does with each frame, less its queue and threads.</summary>
    private void Handle(Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Call:
                _worker.Run(RequestDecoder.ReadCall(frame.Body));
                break;
            case FrameKind.Cancel:
                RequestDecoder.ReadCancel(frame.Body);
                break;
            case FrameKind.Close:
                break;
            default:
                throw new ProtocolException($"Unexpected {frame.Kind} frame from the parent.");
        }
    }

    private DispatchFunction Resolve(string assemblyName)
    {
        try
        {
            if (assemblyName == SampleCalls.Assembly)
            {
                return _library;
            }

            if (assemblyName == TestAssembly)
            {
                throw new ProtocolException("The fuzz harness does not run the test assembly's methods.");
            }

            // Only the two assemblies above register dispatch functions in this process.
            DispatcherRegistry.Resolve(assemblyName);
            throw new InvalidOperationException($"Assembly '{assemblyName}' unexpectedly has a dispatch function.");
        }
        catch (Exception e)
        {
            Thrown.Add(e);
            throw;
        }
    }
}
