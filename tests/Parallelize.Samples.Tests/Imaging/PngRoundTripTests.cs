using Parallelize.Samples.Tests.Infrastructure;
using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Imaging;

public sealed class PngRoundTripTests
{
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 1, 1, 3 }, { 3, 7, 3 }, { 257, 3, 3 },
        { 1, 1, 4 }, { 3, 7, 4 }, { 257, 3, 4 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Random_pixels_survive_write_then_read(int width, int height, int channels)
    {
        PngImage original = TestImages.Random(width, height, channels, seed: width * 1000 + height * 10 + channels);

        PngImage decoded = PngReader.Read(TestImages.Encode(original));

        Assert.Equal(width, decoded.Width);
        Assert.Equal(height, decoded.Height);
        Assert.Equal(channels, decoded.Channels);
        Assert.Equal(original.Pixels, decoded.Pixels);
    }

    [Fact]
    public void Smooth_image_round_trips_and_compresses()
    {
        // A gradient makes the adaptive filter choose Sub, Up, Average and Paeth rather than None on random data.
        PngImage original = DemoImages.Render(seed: 7, width: 160, height: 90, channels: 3);
        byte[] file = TestImages.Encode(original);

        Assert.Equal(original.Pixels, PngReader.Read(file).Pixels);
        Assert.True(file.Length < original.Pixels.Length, $"{file.Length} bytes encoded for {original.Pixels.Length} raw");
    }

    [Fact]
    public void Image_data_larger_than_one_idat_chunk_round_trips()
    {
        // Random bytes do not compress, so 1 MiB of pixels needs a second IDAT chunk.
        PngImage original = TestImages.Random(700, 500, 3);
        byte[] file = TestImages.Encode(original);

        Assert.True(CountChunks(file, "IDAT"u8) > 1);
        Assert.Equal(original.Pixels, PngReader.Read(file).Pixels);
    }

    [Fact]
    public void Reads_from_a_stream_and_from_a_file()
    {
        PngImage original = TestImages.Random(5, 4, 4);
        string path = Path.Combine(Path.GetTempPath(), $"round-trip-{Guid.NewGuid():N}.png");
        try
        {
            PngWriter.WriteFile(original, path);

            Assert.Equal(original.Pixels, PngReader.ReadFile(path).Pixels);
            using FileStream stream = File.OpenRead(path);
            Assert.Equal(original.Pixels, PngReader.Read(stream).Pixels);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Skips_ancillary_chunks_and_a_suggested_palette()
    {
        PngImage original = TestImages.Random(4, 3, 3);
        byte[] raw = new byte[3 * (1 + 12)];
        for (int y = 0; y < 3; y++)
        {
            original.Pixels.AsSpan(y * 12, 12).CopyTo(raw.AsSpan(y * 13 + 1));
        }

        byte[] file = PngFileBuilder.File(
            ("IHDR", PngFileBuilder.Ihdr(4, 3)),
            ("tEXt", "Comment\0hello"u8.ToArray()),
            ("PLTE", [1, 2, 3]),
            ("IDAT", PngFileBuilder.Zlib(raw)),
            ("tIME", new byte[7]),
            ("IEND", []));

        Assert.Equal(original.Pixels, PngReader.Read(file).Pixels);
    }

    [Fact]
    public void Written_file_starts_with_the_signature_and_ends_with_iend()
    {
        byte[] file = TestImages.Encode(TestImages.Random(2, 2, 3));

        Assert.True(file.AsSpan().StartsWith(PngFormat.Signature));
        Assert.True(file.AsSpan().EndsWith(new byte[] { 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82 }));
    }

    private static int CountChunks(byte[] file, ReadOnlySpan<byte> type)
    {
        int count = 0;
        int position = PngFormat.Signature.Length;
        while (position < file.Length)
        {
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(position));
            count += file.AsSpan(position + 4, 4).SequenceEqual(type) ? 1 : 0;
            position += 12 + length;
        }

        return count;
    }
}
