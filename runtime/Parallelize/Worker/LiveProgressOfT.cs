using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// What a method in a worker gets for its <see cref="IProgress{T}"/> parameter when the caller passed one: each
/// <see cref="Report"/> serializes the value and writes it to the parent before returning. Serializing runs in the
/// method, on the thread that reports, so a value that cannot be sent (a cycle, an undeclared derived type, over the
/// frame limit) throws there, like any serialization error.
/// </summary>
internal sealed class LiveProgress<T> : LiveLink, IProgress<T>
{
    private readonly WireWriter.ItemWriter<T> _write;

    public LiveProgress(CallReporting owner, uint batchId, int index, WireWriter.ItemWriter<T> write)
        : base(owner, batchId, index)
    {
        _write = write;
    }

    public void Report(T value)
    {
        if (IsClosed)
        {
            return;
        }

        WireWriter frame = BeginFrame(FrameKind.Progress, out int start);
        try
        {
            _write(frame, value);
            FrameWriter.End(frame, start, Owner.MaxFrameBytes);
            Owner.Send(this, frame.WrittenSpan);
        }
        finally
        {
            Recycle(frame);
        }
    }
}
