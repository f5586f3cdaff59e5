using Parallelize.Protocol;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>
/// Hands the real <see cref="FrameReader"/> one input after another, reusing it while it is between frames: a new
/// reader's 64 KiB buffer for every input would cost most of a fuzz run's time. A reader that threw is replaced, since
/// it may hold part of a frame; one whose frames were refused by a decoder is first read to its end.
/// </summary>
internal sealed class FrameFeed
{
    private readonly MemoryStream _stream = new();
    private readonly int _maxFrameBytes;
    private FrameReader? _reader;

    public FrameFeed(int maxFrameBytes) => _maxFrameBytes = maxFrameBytes;

    /// <summary>Makes <paramref name="bytes"/> the input that <see cref="TryRead"/> reads.</summary>
    public void Start(byte[] bytes)
    {
        _stream.SetLength(0);
        _stream.Write(bytes);
        _stream.Position = 0;
        _reader ??= new FrameReader(_stream, _maxFrameBytes);
    }

    /// <summary><see cref="FrameReader.TryRead"/> on the input; a reader that throws is not used again.</summary>
    public bool TryRead(out Frame frame)
    {
        try
        {
            return _reader!.TryRead(out frame);
        }
        catch
        {
            _reader = null;
            throw;
        }
    }

    /// <summary>Reads past whatever frames of the input are left, so the next input starts between frames.</summary>
    public void Finish()
    {
        try
        {
            while (_reader?.TryRead(out _) == true)
            {
            }
        }
        catch (ProtocolException)
        {
            _reader = null;
        }
    }
}
