using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Infrastructure;

/// <summary>Images for tests, reproducible from their arguments.</summary>
internal static class TestImages
{
    /// <summary>Every byte random, so no filter or compression shortcut can hide a wrong pixel.</summary>
    public static PngImage Random(int width, int height, int channels, int seed = 1)
    {
        var pixels = new byte[width * height * channels];
        new Random(seed).NextBytes(pixels);
        return new PngImage(width, height, channels, pixels);
    }

    /// <summary>Every pixel <paramref name="color"/>, which holds one value per channel.</summary>
    public static PngImage Uniform(int width, int height, params byte[] color)
    {
        var image = new PngImage(width, height, color.Length);
        for (int i = 0; i < image.Pixels.Length; i += color.Length)
        {
            color.CopyTo(image.Pixels, i);
        }

        return image;
    }

    /// <summary>Encodes with <see cref="PngWriter"/> and returns the file's bytes.</summary>
    public static byte[] Encode(PngImage image, PngFilterType? filter = null)
    {
        var file = new MemoryStream();
        PngWriter.Write(image, file, filter);
        return file.ToArray();
    }
}
