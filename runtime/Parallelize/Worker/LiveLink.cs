using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// What a method in a worker gets for a parameter that links it to its caller while it runs (an
/// <see cref="IProgress{T}"/>, an <c>ILogger</c>): it writes frames for the running call, each on the thread that
/// reports or logs, until the call ends and the link is closed.
/// </summary>
internal abstract class LiveLink
{
    /// <summary>A frame buffer larger than this is not kept for the next frame.</summary>
    private const int MaxSpareBytes = 64 * 1024;

    private readonly uint _batchId;
    private readonly int _index;
    private volatile bool _closed;

    /// <summary>The buffer of the last frame, reused by the next unless two are written at once.</summary>
    private WireWriter? _spare;

    protected LiveLink(CallReporting owner, uint batchId, int index)
    {
        Owner = owner;
        _batchId = batchId;
        _index = index;
    }

    /// <summary>True once the call has ended; read and set under the channel's output lock.</summary>
    public bool IsClosed => _closed;

    protected CallReporting Owner { get; }

    public void Close() => _closed = true;

    /// <summary>Starts a frame of <paramref name="kind"/> for this call: header, batch id, item index.</summary>
    protected WireWriter BeginFrame(FrameKind kind, out int start)
    {
        WireWriter frame = Interlocked.Exchange(ref _spare, null) ?? new WireWriter();
        start = FrameWriter.Begin(frame, kind);
        frame.WriteUInt32(_batchId);
        frame.WriteInt32(_index);
        return frame;
    }

    /// <summary>Takes back a frame from <see cref="BeginFrame"/>, sent or not.</summary>
    protected void Recycle(WireWriter frame)
    {
        frame.Reset();
        if (frame.Buffer.Length <= MaxSpareBytes)
        {
            Volatile.Write(ref _spare, frame);
        }
    }
}
