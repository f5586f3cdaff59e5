using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// What a method in a worker gets for its <see cref="IProgress{T}"/> parameter when the caller passed one: each
/// <see cref="Report"/> serializes the value and writes it to the parent before returning. Serializing runs in the
/// method, on the thread that reports, so a value that cannot be sent (a cycle, an undeclared derived type, over the
/// frame limit) throws there, like any serialization error.
/// </summary>
internal sealed class LiveProgress<T> : LiveProgress, IProgress<T>
{
    /// <summary>A frame buffer larger than this is not kept for the next report.</summary>
    private const int MaxSpareBytes = 64 * 1024;

    private readonly CallReporting _owner;
    private readonly uint _batchId;
    private readonly int _index;
    private readonly WireWriter.ItemWriter<T> _write;

    /// <summary>The buffer of the last report, reused by the next unless two report at once.</summary>
    private WireWriter? _spare;

    public LiveProgress(CallReporting owner, uint batchId, int index, WireWriter.ItemWriter<T> write)
    {
        _owner = owner;
        _batchId = batchId;
        _index = index;
        _write = write;
    }

    public void Report(T value)
    {
        if (IsClosed)
        {
            return;
        }

        WireWriter frame = Interlocked.Exchange(ref _spare, null) ?? new WireWriter();
        try
        {
            int start = FrameWriter.Begin(frame, FrameKind.Progress);
            frame.WriteUInt32(_batchId);
            frame.WriteInt32(_index);
            _write(frame, value);
            FrameWriter.End(frame, start, _owner.MaxFrameBytes);
            _owner.Send(this, frame.WrittenSpan);
        }
        finally
        {
            frame.Reset();
            if (frame.Buffer.Length <= MaxSpareBytes)
            {
                Volatile.Write(ref _spare, frame);
            }
        }
    }
}
