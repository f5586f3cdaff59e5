using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Tests.Wire;

public sealed class FrameReaderTests
{
    private static byte[] Frames(params (FrameKind Kind, byte[] Body)[] frames)
    {
        var writer = new WireWriter();
        foreach (var (kind, body) in frames)
        {
            int start = FrameWriter.Begin(writer, kind);
            writer.WriteRaw(body);
            FrameWriter.End(writer, start, int.MaxValue);
        }

        return writer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Reads_consecutive_frames_then_a_clean_end()
    {
        byte[] bytes = Frames((FrameKind.Results, [1, 2, 3]), (FrameKind.Close, []), (FrameKind.Cancel, new byte[100_000]));
        var reader = new FrameReader(new MemoryStream(bytes), maxFrameBytes: 1 << 20);

        Assert.True(reader.TryRead(out Frame first));
        Assert.Equal(FrameKind.Results, first.Kind);
        Assert.Equal([1, 2, 3], first.Body.ToArray());
        Assert.True(reader.TryRead(out Frame second));
        Assert.Equal(FrameKind.Close, second.Kind);
        Assert.Equal(0, second.Body.Length);
        Assert.True(reader.TryRead(out Frame third));
        Assert.Equal(100_000, third.Body.Length);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void A_stream_ending_inside_a_frame_is_a_protocol_error()
    {
        byte[] bytes = Frames((FrameKind.Results, [1, 2, 3, 4]));
        var truncated = new FrameReader(new MemoryStream(bytes[..^1]), 1024);
        var headerOnly = new FrameReader(new MemoryStream(bytes[..3]), 1024);

        Assert.Throws<ProtocolException>(() => truncated.TryRead(out _));
        Assert.Throws<ProtocolException>(() => headerOnly.TryRead(out _));
    }

    [Fact]
    public void An_oversize_frame_is_rejected_from_its_header()
    {
        byte[] header = [0x00, 0x00, 0x00, 0x40, (byte)FrameKind.Results];
        var reader = new FrameReader(new MemoryStream(header), maxFrameBytes: 1024);

        ProtocolException error = Assert.Throws<ProtocolException>(() => reader.TryRead(out _));
        Assert.Contains("limit is 1024", error.Message);
    }

    [Fact]
    public void A_limit_whose_frames_would_not_fit_one_buffer_is_refused()
    {
        // With int.MaxValue, header plus body overflowed and a frame declaring that much read out of range.
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameReader(new MemoryStream(), int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChildProcessOptions { MaxFrameBytes = int.MaxValue });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPoolOptions { MaxFrameBytes = FrameLimit.Largest + 1 });
        Assert.Equal(FrameLimit.Largest, new ChildProcessOptions { MaxFrameBytes = FrameLimit.Largest }.MaxFrameBytes);
        Assert.Equal(FrameLimit.Largest + ProtocolConstants.HeaderBytes, Array.MaxLength);
    }

    [Fact]
    public void An_unknown_frame_kind_is_rejected()
    {
        byte[] header = [0, 0, 0, 0, 0x7F];
        Assert.Throws<ProtocolException>(() => new FrameReader(new MemoryStream(header), 1024).TryRead(out _));
    }

    [Fact]
    public void Writing_a_frame_over_the_limit_is_refused()
    {
        var writer = new WireWriter();
        int start = FrameWriter.Begin(writer, FrameKind.Call);
        writer.WriteRaw(new byte[2048]);

        Assert.Throws<ProtocolException>(() => FrameWriter.End(writer, start, 1024));
    }

    [Fact]
    public void A_busy_stream_of_small_frames_is_read_in_large_reads()
    {
        // The buffer starts small (a worker's first frames are tiny); a stream that fills every read makes it grow, so
        // 400 KB of 20-byte frames take about as many reads as 64 KiB reads would, not a hundred 4 KiB ones.
        byte[] bytes = Frames([.. Enumerable.Range(0, 20_000).Select(_ => (FrameKind.Results, new byte[15]))]);
        var stream = new CountingStream(bytes);
        var reader = new FrameReader(stream, maxFrameBytes: 1024);
        int frames = 0;
        while (reader.TryRead(out _))
        {
            frames++;
        }

        Assert.Equal(20_000, frames);
        Assert.InRange(stream.Reads, 1, (bytes.Length / (64 * 1024)) + 8);
    }

    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return base.Read(buffer, offset, count);
        }
    }
}
