using Parallelize.Samples.Tests.Infrastructure;
using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Imaging;

public sealed class PngFilterDecodingTests
{
    public static TheoryData<PngFilterType, int> FiltersAndChannels
    {
        get
        {
            var data = new TheoryData<PngFilterType, int>();
            foreach (PngFilterType filter in Enum.GetValues<PngFilterType>())
            {
                data.Add(filter, 3);
                data.Add(filter, 4);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(FiltersAndChannels))]
    public void Decodes_rows_filtered_by_an_independent_implementation(PngFilterType filter, int channels)
    {
        // Large enough that Paeth's ties (about one byte in 256) occur, so the tie order is checked too.
        PngImage original = TestImages.Random(33, 17, channels, seed: (int)filter);
        int stride = original.Stride;
        var raw = new byte[original.Height * (1 + stride)];
        var prior = new byte[stride];
        for (int y = 0; y < original.Height; y++)
        {
            byte[] row = original.Pixels.AsSpan(y * stride, stride).ToArray();
            raw[y * (1 + stride)] = (byte)filter;
            ReferenceFilter.Apply(filter, row, prior, channels).CopyTo(raw, y * (1 + stride) + 1);
            prior = row;
        }

        byte[] file = PngFileBuilder.WithRawImageData(PngFileBuilder.Ihdr(33, 17, colorType: PngFormat.ColorTypeFor(channels)), raw);

        Assert.Equal(original.Pixels, PngReader.Read(file).Pixels);
    }

    [Theory]
    [MemberData(nameof(FiltersAndChannels))]
    public void Writer_output_with_a_forced_filter_uses_it_and_reads_back(PngFilterType filter, int channels)
    {
        PngImage original = TestImages.Random(11, 6, channels, seed: 100 + (int)filter);
        byte[] file = TestImages.Encode(original, filter);

        Assert.Equal(original.Pixels, PngReader.Read(file).Pixels);
        Assert.All(FilterBytes(file, original), b => Assert.Equal((byte)filter, b));
    }

    [Fact]
    public void Mixed_filters_row_by_row_decode()
    {
        // Each row with a different filter, so a row's decoding depends on a prior row decoded differently.
        PngImage original = TestImages.Random(6, 10, 3, seed: 42);
        int stride = original.Stride;
        var raw = new byte[original.Height * (1 + stride)];
        var prior = new byte[stride];
        for (int y = 0; y < original.Height; y++)
        {
            var filter = (PngFilterType)(y % 5);
            byte[] row = original.Pixels.AsSpan(y * stride, stride).ToArray();
            raw[y * (1 + stride)] = (byte)filter;
            ReferenceFilter.Apply(filter, row, prior, 3).CopyTo(raw, y * (1 + stride) + 1);
            prior = row;
        }

        Assert.Equal(original.Pixels, PngReader.Read(PngFileBuilder.WithRawImageData(PngFileBuilder.Ihdr(6, 10), raw)).Pixels);
    }

    [Fact]
    public void Hand_computed_rows_decode_to_the_expected_pixels()
    {
        // Two RGB pixels per row. Row 0, Sub: (10,20,30) then (10,20,30) + (5,5,5).
        // Row 1, Up: row 0 + (1,2,3). Row 2, Average: left/above means. Row 3, Paeth.
        byte[] raw =
        [
            1, 10, 20, 30, 5, 5, 5,
            2, 1, 2, 3, 1, 2, 3,
            3, 0, 0, 0, 0, 0, 0,
            4, 0, 0, 0, 0, 0, 0,
        ];
        byte[] expected =
        [
            10, 20, 30, 15, 25, 35,
            11, 22, 33, 16, 27, 38,

            // Average: first pixel is above / 2; the second is (left + above) / 2, floored.
            5, 11, 16, 10, 19, 27,

            // Paeth: first pixel predicts above; the second picks whichever of left, above, upper-left is nearest
            // left + above - upper-left: here (5, 11, 16) + (10, 19, 27) - (5, 11, 16) = above.
            5, 11, 16, 10, 19, 27,
        ];

        PngImage image = PngReader.Read(PngFileBuilder.WithRawImageData(PngFileBuilder.Ihdr(2, 4), raw));

        Assert.Equal(expected, image.Pixels);
    }

    private static IEnumerable<byte> FilterBytes(byte[] file, PngImage image)
    {
        // Inflate the writer's own image data to see which filter each row got.
        int idat = file.AsSpan().IndexOf("IDAT"u8);
        int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(idat - 4));
        using var zlib = new System.IO.Compression.ZLibStream(new MemoryStream(file, idat + 4, length), System.IO.Compression.CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] bytes = raw.ToArray();
        for (int y = 0; y < image.Height; y++)
        {
            yield return bytes[y * (1 + image.Stride)];
        }
    }
}
