using Parallelize.Samples.Tests.Infrastructure;
using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Imaging;

public sealed class ImageResizerTests
{
    [Theory]
    [InlineData(1600, 1200, 256, 256, 192)]
    [InlineData(1200, 1600, 256, 192, 256)]
    [InlineData(1000, 10, 256, 256, 3)]
    [InlineData(10, 1000, 256, 3, 256)]
    [InlineData(5000, 1, 100, 100, 1)]
    [InlineData(333, 217, 50, 50, 33)]
    [InlineData(200, 200, 64, 64, 64)]
    public void Longer_side_becomes_max_side_and_aspect_ratio_is_kept(int width, int height, int maxSide, int expectedWidth, int expectedHeight)
    {
        PngImage thumbnail = ImageResizer.Resize(new PngImage(width, height, 3), maxSide);

        Assert.Equal((expectedWidth, expectedHeight), (thumbnail.Width, thumbnail.Height));

        // Both sides are the original's scaled by one factor, to the nearest pixel (and never below one).
        double scale = (double)maxSide / Math.Max(width, height);
        Assert.InRange(thumbnail.Width, Math.Max(1, width * scale - 0.5), Math.Max(1, width * scale + 0.5));
        Assert.InRange(thumbnail.Height, Math.Max(1, height * scale - 0.5), Math.Max(1, height * scale + 0.5));
    }

    [Fact]
    public void Small_image_is_copied_not_enlarged()
    {
        PngImage original = TestImages.Random(40, 30, 4);

        PngImage result = ImageResizer.Resize(original, 256);

        Assert.Equal((40, 30), (result.Width, result.Height));
        Assert.Equal(original.Pixels, result.Pixels);
        Assert.NotSame(original.Pixels, result.Pixels);
    }

    [Theory]
    [InlineData(new byte[] { 200, 100, 50 })]
    [InlineData(new byte[] { 0, 255, 7 })]
    [InlineData(new byte[] { 12, 34, 56, 255 })]
    [InlineData(new byte[] { 12, 34, 56, 77 })]
    public void Uniform_image_stays_that_colour(byte[] color)
    {
        PngImage original = TestImages.Uniform(333, 217, color);

        PngImage thumbnail = ImageResizer.Resize(original, 50);

        for (int i = 0; i < thumbnail.Pixels.Length; i += color.Length)
        {
            Assert.Equal(color, thumbnail.Pixels[i..(i + color.Length)]);
        }
    }

    [Fact]
    public void Each_output_pixel_is_the_mean_of_the_area_it_covers()
    {
        // A 4x4 checkerboard of black and white shrinks to mid-grey 2x2.
        var board = new PngImage(4, 4, 3);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                board.Pixels.AsSpan((y * 4 + x) * 3, 3).Fill((x + y) % 2 == 0 ? (byte)0 : (byte)255);
            }
        }

        PngImage result = ImageResizer.Resize(board, 2);

        Assert.All(result.Pixels, value => Assert.Equal(128, value));
    }

    [Fact]
    public void Partly_covered_source_pixels_count_by_the_fraction_covered()
    {
        // 3 pixels to 2: the first output covers pixel 0 and half of pixel 1, the second half of pixel 1 and pixel 2.
        var row = new PngImage(3, 1, 3, [0, 0, 0, 90, 90, 90, 180, 180, 180]);

        PngImage result = ImageResizer.Resize(row, 2);

        Assert.Equal(new byte[] { 30, 30, 30, 150, 150, 150 }, result.Pixels);
    }

    [Fact]
    public void Transparent_pixels_do_not_tint_their_neighbours()
    {
        // Opaque red beside fully transparent green averages to half-transparent red, not brown.
        var pair = new PngImage(2, 1, 4, [255, 0, 0, 255, 0, 255, 0, 0]);

        PngImage result = ImageResizer.Resize(pair, 1);

        Assert.Equal(new byte[] { 255, 0, 0, 128 }, result.Pixels);
    }

    [Fact]
    public void Max_side_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageResizer.Resize(new PngImage(2, 2, 3), 0));
    }
}
