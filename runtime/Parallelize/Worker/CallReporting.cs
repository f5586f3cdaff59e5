using Microsoft.Extensions.Logging;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// The child's side of the parameters that link a running call to its caller: <see cref="IProgress{T}"/> and
/// <see cref="ILogger"/>. While the worker runs a call, generated dispatch code attaches a <see cref="LiveLink"/> to
/// it; each report or log entry is written to the parent at once, as a <see cref="Protocol.FrameKind.Progress"/> or
/// <see cref="Protocol.FrameKind.Log"/> frame, by the thread that reports or logs. These frames and answers share the
/// channel under one lock, and a call's links are closed before its answer can be written, so on the wire everything
/// a call reports or logs comes before its answer, and whatever it sends after the call ended is dropped here.
/// </summary>
internal sealed class CallReporting
{
    private static CallReporting? s_current;

    private readonly Stream _output;
    private readonly object _outputLock;

    /// <summary>The running call's links; at most one progress reporter and one logger, as the generator allows.</summary>
    private readonly List<LiveLink> _attached = new(2);
    private uint _batchId;
    private int _index;
    private bool _running;

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
        "A live IProgress<T> or ILogger exists only in a worker process, for the call it runs.");

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
    public IProgress<T> Attach<T>(WireWriter.ItemWriter<T> write) => Attach(new LiveProgress<T>(this, StartingBatch(), _index, write));

    /// <summary>A logger for the call being started that sends what is enabled from <paramref name="minimum"/> on.</summary>
    public ILogger AttachLogger(LogLevel minimum) => Attach(new LiveLogger(this, StartingBatch(), _index, minimum));

    /// <inheritdoc cref="AttachLogger(LogLevel)"/>
    public ILogger<TCategoryName> AttachLogger<TCategoryName>(LogLevel minimum) =>
        Attach(new LiveLogger<TCategoryName>(this, StartingBatch(), _index, minimum));

    /// <summary>
    /// Called as the running call ends, before its answer is written: its links stop sending. A report or entry
    /// racing with this either went out before it or is dropped.
    /// </summary>
    public void Finish()
    {
        _running = false;

        // Most calls have no links: this stays small enough to be inlined into the worker's loop.
        if (_attached.Count != 0)
        {
            CloseAttached();
        }
    }

    private void CloseAttached()
    {
        lock (_outputLock)
        {
            foreach (LiveLink link in _attached)
            {
                link.Close();
            }
        }

        _attached.Clear();
    }

    /// <summary>Writes one frame of a link, unless its call has ended.</summary>
    public void Send(LiveLink from, ReadOnlySpan<byte> frame)
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

    /// <summary>The batch of the call being started; links can only be made then.</summary>
    private uint StartingBatch() => _running
        ? _batchId
        : throw new InvalidOperationException("A live IProgress<T> or ILogger can only be made for a call the worker is starting.");

    private TLink Attach<TLink>(TLink link)
        where TLink : LiveLink
    {
        _attached.Add(link);
        return link;
    }
}
