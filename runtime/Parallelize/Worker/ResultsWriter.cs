using System.Buffers.Binary;
using System.Diagnostics;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// Builds <see cref="FrameKind.Results"/> frames in one buffer and writes them to the parent. A batch's answers are
/// held until the batch ends, the buffer passes <see cref="FlushBytes"/>, or <see cref="FlushMillis"/> have passed, so
/// a batch of tiny calls costs one system call, and a long batch still reports as it goes.
/// </summary>
internal sealed class ResultsWriter
{
    private const int FlushBytes = 32 * 1024;
    private const long FlushMillis = 20;

    private readonly Stream _output;
    private readonly object _outputLock;
    private readonly int _maxFrameBytes;
    private readonly int _flushBytes;

    // Grows to FlushBytes and a little more with the first large batch; a worker that answers one small call never
    // touches the pages of a full-size buffer.
    private readonly WireWriter _buffer = new(4096);
    private int _frameStart = -1;
    private int _countOffset;
    private int _count;
    private uint _batchId;
    private long _lastFlush = Environment.TickCount64;
    private long _heldSince;

    /// <param name="output">The channel to the parent.</param>
    /// <param name="outputLock">Held while writing to <paramref name="output"/>, which progress reports and log entries share.</param>
    /// <param name="maxFrameBytes">The frame limit both sides enforce.</param>
    public ResultsWriter(Stream output, object outputLock, int maxFrameBytes)
    {
        _output = output;
        _outputLock = outputLock;
        _maxFrameBytes = maxFrameBytes;

        // Under a small frame limit, flush by half of it: a frame then has room for one more item up to half the
        // limit, and for the short error that replaces a larger one, so ending it never breaks the limit.
        _flushBytes = Math.Min(FlushBytes, maxFrameBytes / 2);
    }

    /// <summary>Where the current item's outcome and result go.</summary>
    public WireWriter Buffer => _buffer;

    /// <summary>Opens a frame for the answers of <paramref name="batchId"/> from item <paramref name="first"/> on.</summary>
    public void Begin(uint batchId, int first)
    {
        if (_buffer.Length == 0)
        {
            _heldSince = Stopwatch.GetTimestamp();
        }

        _batchId = batchId;
        _frameStart = FrameWriter.Begin(_buffer, FrameKind.Results);
        _buffer.WriteUInt32(batchId);
        _buffer.WriteInt32(first);
        _countOffset = _buffer.Length;
        _buffer.WriteInt32(0);
        _count = 0;
    }

    /// <summary>The size of the open frame's body, to check an item's result against the frame limit.</summary>
    public int OpenFrameBodyBytes => _buffer.Length - _frameStart - ProtocolConstants.HeaderBytes;

    /// <summary>The frame limit both sides enforce.</summary>
    public int MaxFrameBytes => _maxFrameBytes;

    /// <summary>Counts an answered item, flushing when enough bytes or time have gathered.</summary>
    /// <param name="next">The index of the batch's next item, where a new frame starts after a flush.</param>
    public void ItemDone(int next)
    {
        _count++;
        if (_buffer.Length >= _flushBytes || ((_count & 63) == 0 && Environment.TickCount64 - _lastFlush >= FlushMillis))
        {
            SendNow(next);
        }
    }

    /// <summary>Sends the answers so far at once, and opens a frame for the batch's items from <paramref name="next"/> on.</summary>
    public void SendNow(int next)
    {
        End();
        Flush();
        Begin(_batchId, next);
    }

    /// <summary>Closes the open frame; a frame with no items is dropped.</summary>
    public void End()
    {
        if (_frameStart < 0)
        {
            return;
        }

        if (_count == 0)
        {
            _buffer.Truncate(_frameStart);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.At(_countOffset, 4), _count);
            FrameWriter.End(_buffer, _frameStart, _maxFrameBytes);
        }

        _frameStart = -1;
    }

    /// <summary>True while the answers not yet written are younger than <paramref name="ticks"/> and fit the buffer.</summary>
    public bool HeldFor(long ticks) =>
        _buffer.Length < _flushBytes && (_buffer.Length == 0 || Stopwatch.GetTimestamp() - _heldSince < ticks);

    /// <summary>Writes every closed frame to the parent.</summary>
    public void Flush()
    {
        if (_buffer.Length > 0)
        {
            // Reports of a running call may write from any thread (CallReporting).
            lock (_outputLock)
            {
                _output.Write(_buffer.WrittenSpan);
            }

            _buffer.Reset();
        }

        _lastFlush = Environment.TickCount64;
    }
}
