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
        var output = new MemoryStream();
        using (var worker = new InProcessWorker(output, maxFrameBytes, DispatcherRegistry.Resolve))
        {
            worker.Run(batch);
        }

        var answers = new AnswerReader(AnswerSamples.Pid, new IgnoredEvents());
        answers.Handle(new Frame(FrameKind.Hello, AnswerSamples.Hello().AsSpan(ProtocolConstants.HeaderBytes)));
        answers.Register(new WorkSlice(job, 0, batch.Count));
        var reader = new FrameReader(new MemoryStream(output.ToArray()), maxFrameBytes);
        int frames = 0;
        while (reader.TryRead(out Frame answer))
        {
            answers.Handle(answer);
            frames++;
        }

        return frames;
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
