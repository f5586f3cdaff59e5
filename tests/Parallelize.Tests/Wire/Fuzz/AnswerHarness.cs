using Parallelize.Execution;
using Parallelize.Hosting;
using Parallelize.Protocol;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>
/// Feeds bytes to the parent's decoding of a worker's frames: the real <see cref="FrameReader"/> and
/// <see cref="AnswerReader"/>, after a valid hello and with the sample's batch registered when the sample is read after
/// one. Events are dropped: only what the decoder throws and allocates is observed.
/// </summary>
internal sealed class AnswerHarness : IAnswerEvents
{
    private static readonly byte[] HelloBody = AnswerSamples.Hello()[ProtocolConstants.HeaderBytes..];
    private readonly FrameFeed _feed = new(AnswerSamples.MaxFrameBytes);

    /// <summary>Decodes <paramref name="input"/>; returns null when every frame decoded, else what was thrown.</summary>
    /// <param name="input">The bytes and the sample they come from.</param>
    /// <param name="allocatedBytes">What this thread allocated while reading and decoding the bytes.</param>
    public Exception? Feed(FuzzInput input, out long allocatedBytes)
    {
        var answers = new AnswerReader(AnswerSamples.Pid, this);
        if (input.Sample.AfterHello)
        {
            answers.Handle(new Frame(FrameKind.Hello, HelloBody));
            if (input.Sample.Calls.Length > 0)
            {
                answers.Register(new WorkSlice(new CallsJob(input.Sample.Calls), 0, input.Sample.Calls.Length));
            }
        }

        _feed.Start(input.Bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exception? error = null;
        try
        {
            while (_feed.TryRead(out Frame frame))
            {
                answers.Handle(frame);
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        allocatedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        _feed.Finish();
        return error;
    }

    void IAnswerEvents.OnHello()
    {
    }

    Exception IAnswerEvents.TranslateError(string methodName, Exception error) => error;

    void IAnswerEvents.OnAnswered(WorkSlice slice, int first, int count)
    {
    }
}
