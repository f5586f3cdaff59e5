using Parallelize.Samples.Tests.Infrastructure;
using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Imaging;

public sealed class PngRejectionTests
{
    [Fact]
    public void Palette_image_is_refused_with_the_whole_message()
    {
        byte[] file = PngFileBuilder.Plausible(4, 4, bitDepth: 8, colorType: 3);

        var error = Assert.Throws<PngFormatException>(() => PngReader.Read(file, "photo.png"));

        Assert.Equal("photo.png: color type 3 (palette) is not supported; only 8-bit RGB and RGBA non-interlaced PNG are", error.Message);
        Assert.Equal("photo.png", error.SourceName);
    }

    [Theory]
    [InlineData(0, "color type 0 (grayscale) is not supported")]
    [InlineData(4, "color type 4 (grayscale with alpha) is not supported")]
    [InlineData(5, "color type 5 is not a PNG color type")]
    public void Other_color_types_are_refused(byte colorType, string reason)
    {
        AssertRefused(PngFileBuilder.Plausible(4, 4, bitDepth: 8, colorType: colorType), reason);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void Sixteen_bit_image_is_refused(byte colorType)
    {
        AssertRefused(PngFileBuilder.Plausible(3, 2, bitDepth: 16, colorType: colorType), "bit depth 16 is not supported; only 8-bit RGB and RGBA non-interlaced PNG are");
    }

    [Fact]
    public void Bit_depth_that_png_does_not_allow_for_rgb_is_refused()
    {
        AssertRefused(PngFileBuilder.Plausible(3, 2, bitDepth: 4, colorType: 2), "bit depth 4 is not valid for color type 2");
    }

    [Fact]
    public void Interlaced_image_is_refused()
    {
        AssertRefused(PngFileBuilder.Plausible(8, 8, bitDepth: 8, colorType: 2, interlace: 1), "interlace method 1 (Adam7) is not supported; only 8-bit RGB and RGBA non-interlaced PNG are");
    }

    [Fact]
    public void Every_truncation_of_a_valid_file_is_refused_as_truncated()
    {
        byte[] file = TestImages.Encode(TestImages.Random(5, 3, 4));

        for (int length = 0; length < file.Length; length++)
        {
            var error = Assert.Throws<PngFormatException>(() => PngReader.Read(file[..length], "cut.png"));
            Assert.Contains("truncated", error.Reason);
        }
    }

    [Fact]
    public void Truncated_file_message_says_how_much_is_missing()
    {
        byte[] file = TestImages.Encode(TestImages.Random(20, 20, 3));

        AssertRefused(file[..60], "the file is truncated: chunk 'IDAT' declares");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Corrupted_crc_is_refused(int whichByte)
    {
        byte[] file = TestImages.Encode(TestImages.Random(6, 6, 3));
        int idatData = file.AsSpan().IndexOf("IDAT"u8) + 4;
        int idatLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(idatData - 8));

        // Either a data byte or the stored CRC itself is damaged.
        file[whichByte == 0 ? idatData + idatLength / 2 : idatData + idatLength] ^= 0x10;

        AssertRefused(file, "chunk 'IDAT' has a bad CRC");
    }

    [Fact]
    public void Crc_error_in_the_header_is_reported_before_its_contents()
    {
        byte[] file = TestImages.Encode(TestImages.Random(6, 6, 3));
        file[16 + 9] = 3;

        AssertRefused(file, "chunk 'IHDR' has a bad CRC");
    }

    [Fact]
    public void Non_png_file_is_refused()
    {
        AssertRefused("GIF89a not a png at all"u8.ToArray(), "this is not a PNG file");
    }

    [Fact]
    public void File_without_ihdr_is_refused()
    {
        byte[] file = PngFileBuilder.File(("IDAT", PngFileBuilder.Zlib(new byte[4])), ("IEND", []));

        AssertRefused(file, "the first chunk is 'IDAT'; a PNG must start with an IHDR chunk");
    }

    [Fact]
    public void File_without_idat_is_refused()
    {
        byte[] file = PngFileBuilder.File(("IHDR", PngFileBuilder.Ihdr(1, 1)), ("IEND", []));

        AssertRefused(file, "no IDAT chunk");
    }

    [Fact]
    public void Second_ihdr_is_refused()
    {
        byte[] ihdr = PngFileBuilder.Ihdr(1, 1);
        byte[] file = PngFileBuilder.File(("IHDR", ihdr), ("IHDR", ihdr), ("IDAT", PngFileBuilder.Zlib(new byte[4])), ("IEND", []));

        AssertRefused(file, "more than one IHDR");
    }

    [Fact]
    public void Split_idat_chunks_must_be_consecutive()
    {
        byte[] data = PngFileBuilder.Zlib(new byte[4]);
        byte[] file = PngFileBuilder.File(
            ("IHDR", PngFileBuilder.Ihdr(1, 1)),
            ("IDAT", data[..3]),
            ("tEXt", "a\0b"u8.ToArray()),
            ("IDAT", data[3..]),
            ("IEND", []));

        AssertRefused(file, "IDAT chunks are not consecutive");
    }

    [Fact]
    public void Unknown_critical_chunk_is_refused()
    {
        byte[] file = PngFileBuilder.File(("IHDR", PngFileBuilder.Ihdr(1, 1)), ("QXYZ", []), ("IDAT", PngFileBuilder.Zlib(new byte[4])), ("IEND", []));

        AssertRefused(file, "unknown critical chunk 'QXYZ'");
    }

    [Theory]
    [InlineData(40_000u, 10u, "accepts at most 32768 pixels per side")]
    [InlineData(10u, 32_769u, "accepts at most 32768 pixels per side")]
    [InlineData(20_000u, 20_000u, "allocates at most 1073741824 (1 GiB)")]
    [InlineData(0u, 10u, "width and height must be at least 1")]
    public void Absurd_dimensions_are_refused_before_allocating(uint width, uint height, string reason)
    {
        // The image data is a few bytes: the header alone must be enough to refuse it.
        byte[] file = PngFileBuilder.File(("IHDR", PngFileBuilder.Ihdr(width, height, colorType: 6)), ("IDAT", PngFileBuilder.Zlib(new byte[4])), ("IEND", []));

        AssertRefused(file, reason);
    }

    [Fact]
    public void Large_image_claimed_by_a_tiny_file_is_refused_before_allocating()
    {
        // Within both limits (about 768 MiB), but 20 bytes of deflate cannot inflate to that.
        byte[] file = PngFileBuilder.File(("IHDR", PngFileBuilder.Ihdr(16_000, 16_000, colorType: 2)), ("IDAT", PngFileBuilder.Zlib(new byte[4])), ("IEND", []));

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(file, "too few to inflate");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void Invalid_filter_type_is_refused()
    {
        byte[] file = PngFileBuilder.WithRawImageData(PngFileBuilder.Ihdr(1, 2), [0, 1, 2, 3, 5, 1, 2, 3]);

        AssertRefused(file, "row 1 has filter type 5");
    }

    [Fact]
    public void Image_data_that_is_not_zlib_is_refused()
    {
        byte[] file = PngFileBuilder.File(("IHDR", PngFileBuilder.Ihdr(2, 2)), ("IDAT", [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), ("IEND", []));

        AssertRefused(file, "not valid zlib data");
    }

    [Fact]
    public void Image_data_with_too_few_rows_is_refused()
    {
        byte[] file = PngFileBuilder.WithRawImageData(PngFileBuilder.Ihdr(2, 3), new byte[7 * 2]);

        AssertRefused(file, "the image data ends after 2 of 3 rows");
    }

    private static void AssertRefused(byte[] file, string reason)
    {
        var error = Assert.Throws<PngFormatException>(() => PngReader.Read(file, "input.png"));
        Assert.StartsWith("input.png: ", error.Message);
        Assert.Contains(reason, error.Reason);
    }
}
