using Parallelize.Dispatch;
using Parallelize.Execution;
using Parallelize.Hosting;
using Parallelize.Protocol;
using Parallelize.Worker;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>A batch run as a worker runs it, in this process, and its answers read as the parent reads them.</summary>
internal static class InProcessRoundTrip
{
    /// <summary>Runs <paramref name="batch"/> and settles the answers in <paramref name="job"/>; returns how many
    /// answer frames there were.</summary>
    public static int Run(ReceivedBatch batch, WorkJob job, int maxFrameBytes)
    {
        AnswerReader answers = ReaderFor(new WorkSlice(job, 0, batch.Count));
        var reader = new FrameReader(new MemoryStream(Answers(batch, maxFrameBytes)), maxFrameBytes);
        int frames = 0;
        while (reader.TryRead(out Frame answer))
        {
            answers.Handle(answer);
            frames++;
        }

        return frames;
    }

    /// <summary>The frames a worker answers <paramref name="batch"/> with.</summary>
    public static byte[] Answers(ReceivedBatch batch, int maxFrameBytes = 1 << 20)
    {
        var output = new MemoryStream();
        using (var worker = new InProcessWorker(output, maxFrameBytes, DispatcherRegistry.Resolve))
        {
            worker.Run(batch);
        }

        return output.ToArray();
    }

    /// <summary>The parent's reader of a worker's frames, past a valid hello, with <paramref name="slice"/> sent.</summary>
    public static AnswerReader ReaderFor(WorkSlice slice)
    {
        var answers = new AnswerReader(AnswerSamples.Pid, new IgnoredEvents());
        answers.Handle(new Frame(FrameKind.Hello, AnswerSamples.Hello().AsSpan(ProtocolConstants.HeaderBytes)));
        answers.Register(slice);
        return answers;
    }

    private sealed class IgnoredEvents : IAnswerEvents
    {
        public void OnHello()
        {
        }

        public Exception TranslateError(string methodName, Exception error) => error;

        public void OnAnswered(WorkSlice slice, int first, int count)
        {
        }
    }
}
