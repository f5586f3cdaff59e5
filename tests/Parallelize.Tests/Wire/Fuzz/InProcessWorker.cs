using Parallelize.Dispatch;
using Parallelize.Hosting;
using Parallelize.Native;
using Parallelize.Worker;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>
/// A worker's decoding and running of calls, in this process and without its channel: the real
/// <see cref="BatchRunner"/> answering into a <see cref="ResultsWriter"/> over any stream.
/// </summary>
internal sealed class InProcessWorker : IDisposable
{
    private readonly ProgressSlot _progress;

    public InProcessWorker(Stream output, int maxFrameBytes, Func<string, DispatchFunction> resolve)
    {
        _progress = ProgressSlot.Create(out int fd);
        FileDescriptors.Close(fd);
        var outputLock = new object();
        Results = new ResultsWriter(output, outputLock, maxFrameBytes);
        Runner = new BatchRunner(Results, new CallReporting(output, outputLock, maxFrameBytes), bulk: null, _progress, recordStartTimes: false, resolve);
    }

    public ResultsWriter Results { get; }

    public BatchRunner Runner { get; }

    /// <summary>Runs a batch and writes its answers to the output.</summary>
    public void Run(ReceivedBatch batch)
    {
        try
        {
            Runner.Execute(batch, CancellationToken.None);
        }
        finally
        {
            batch.Release();
            Results.Flush();
        }
    }

    public void Dispose() => _progress.Dispose();
}
