using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// The child's side of <see cref="IProgress{T}"/> parameters. While the worker runs a call, generated dispatch code
/// attaches a <see cref="LiveProgress{T}"/> to it; each report is written to the parent at once, as a
/// <see cref="Protocol.FrameKind.Progress"/> frame, by the thread that reports. Reports and answers share the channel
/// under one lock, and a call's reporter is closed before its answer can be written, so on the wire a call's reports
/// all come before its answer, and a report made after the call ended is dropped here.
/// </summary>
internal sealed class CallReporting
{
    private static CallReporting? s_current;

    private readonly Stream _output;
    private readonly object _outputLock;
    private uint _batchId;
    private int _index;
    private bool _running;
    private LiveProgress? _attached;

    public CallReporting(Stream output, object outputLock, int maxFrameBytes)
    {
        _output = output;
        _outputLock = outputLock;
        MaxFrameBytes = maxFrameBytes;
        s_current = this;
    }

    /// <summary>The worker's reporting, for generated dispatch code; a worker process has one.</summary>
    /// <exception cref="InvalidOperationException">Not in a worker process.</exception>
    public static CallReporting Current => s_current ?? throw new InvalidOperationException(
        "A live IProgress<T> exists only in a worker process, for the call it runs.");

    /// <summary>The frame limit both sides enforce; a larger report throws in the reporting method.</summary>
    public int MaxFrameBytes { get; }

    /// <summary>Called by the thread that runs the queue as it starts item <paramref name="index"/> of a batch.</summary>
    public void Start(uint batchId, int index)
    {
        _batchId = batchId;
        _index = index;
        _running = true;
    }

    /// <summary>
    /// A reporter for the call being started, from its dispatch code on the thread that runs it, before the method
    /// is called.
    /// </summary>
    public IProgress<T> Attach<T>(WireWriter.ItemWriter<T> write)
    {
        if (!_running)
        {
            throw new InvalidOperationException("A live IProgress<T> can only be made for a call the worker is starting.");
        }

        var progress = new LiveProgress<T>(this, _batchId, _index, write);
        _attached = progress;
        return progress;
    }

    /// <summary>
    /// Called as the running call ends, before its answer is written: its reporter stops sending. A report racing with
    /// this either went out before it or is dropped.
    /// </summary>
    public void Finish()
    {
        _running = false;
        LiveProgress? attached = _attached;
        if (attached is null)
        {
            return;
        }

        _attached = null;
        lock (_outputLock)
        {
            attached.Close();
        }
    }

    /// <summary>Writes one progress frame, unless its call has ended.</summary>
    public void Send(LiveProgress from, ReadOnlySpan<byte> frame)
    {
        lock (_outputLock)
        {
            if (from.IsClosed)
            {
                return;
            }

            try
            {
                _output.Write(frame);
            }
            catch (IOException)
            {
                // The parent is gone: the thread reading its requests sees the end of stream and ends this process.
            }
        }
    }
}
