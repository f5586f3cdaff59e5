using System.Buffers.Binary;

namespace Parallelize.Protocol;

/// <summary>
/// Reads frames from a stream through one reusable buffer, so that small frames cost at most one read call each.
/// A frame's declared length is checked against the limit before the buffer grows for it.
/// </summary>
internal sealed class FrameReader
{
    // Small at first: a worker's first frames are a few dozen bytes, and every fresh page touched on its way to the
    // first answer delays that answer.
    private const int InitialBufferBytes = 4 * 1024;

    // A read that fills all the room it was given leaves more in the pipe: from then on the buffer doubles, up to this,
    // so a busy stream of small frames takes as few read calls as a buffer of this size from the start.
    private const int BusyBufferBytes = 64 * 1024;
    private readonly Stream _stream;
    private readonly int _maxFrameBytes;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private bool _busy;

    /// <param name="stream">Where the frames arrive.</param>
    /// <param name="maxFrameBytes">The largest body accepted, at most <see cref="FrameLimit.Largest"/>
    /// so that a body and its header always fit one buffer.</param>
    public FrameReader(Stream stream, int maxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxFrameBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameBytes, FrameLimit.Largest);
        _stream = stream;
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>True when the next frame is already complete in the buffer, so reading it will not block.</summary>
    public bool HasBufferedFrame =>
        _end - _start >= ProtocolConstants.HeaderBytes &&
        _end - _start - ProtocolConstants.HeaderBytes >= BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start));

    /// <summary>Reads the next frame; false at a clean end of stream between frames.</summary>
    /// <exception cref="ProtocolException">The stream ended inside a frame, or a frame is oversize or of an unknown kind.</exception>
    public bool TryRead(out Frame frame)
    {
        frame = default;
        if (!Fill(ProtocolConstants.HeaderBytes))
        {
            return false;
        }

        int bodyLength = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start));
        byte kind = _buffer[_start + 4];
        if (bodyLength < 0 || bodyLength > _maxFrameBytes)
        {
            throw new ProtocolException(
                $"A frame declares {(uint)bodyLength} body bytes; the limit is {_maxFrameBytes} (ChildProcessOptions.MaxFrameBytes).");
        }

        if (kind is < (byte)FrameKind.Hello or > (byte)FrameKind.Log)
        {
            throw new ProtocolException($"Unknown frame kind {kind}.");
        }

        if (!Fill(ProtocolConstants.HeaderBytes + bodyLength))
        {
            throw new ProtocolException($"The stream ended inside a frame of {bodyLength} bytes.");
        }

        frame = new Frame((FrameKind)kind, _buffer.AsSpan(_start + ProtocolConstants.HeaderBytes, bodyLength));
        _start += ProtocolConstants.HeaderBytes + bodyLength;
        return true;
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available; false at end of stream before any.</summary>
    private bool Fill(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_buffer.Length - _start < count)
        {
            // Move the unread bytes to the front, growing when the frame itself needs the room or the stream is busy.
            // Doubling in long, capped at what one array holds: the count itself always fits, as the limit ensures.
            bool grow = count > _buffer.Length || (_busy && _buffer.Length < BusyBufferBytes);
            byte[] target = grow
                ? new byte[(int)Math.Min(Math.Max(count, 2L * _buffer.Length), Array.MaxLength)]
                : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            _buffer = target;
            _end -= _start;
            _start = 0;
        }

        bool any = _end > _start;
        while (_end - _start < count)
        {
            int room = _buffer.Length - _end;
            int read = _stream.Read(_buffer, _end, room);
            _busy |= read == room;
            if (read == 0)
            {
                if (!any)
                {
                    return false;
                }

                throw new ProtocolException($"The stream ended inside a frame ({_end - _start} of {count} bytes read).");
            }

            _end += read;
            any = true;
        }

        return true;
    }
}
