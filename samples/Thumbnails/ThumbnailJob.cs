using System.Diagnostics;
using Thumbnails.Imaging;

namespace Thumbnails;

/// <summary>One unit of work: a PNG file in, a thumbnail file out. Partial so a source generator can add to it.</summary>
public static partial class ThumbnailJob
{
    /// <summary>
    /// Reads the PNG at <paramref name="inputPath"/>, shrinks it so its longer side is at most
    /// <paramref name="maxSide"/>, and writes the result to <paramref name="outputPath"/>.
    /// </summary>
    /// <exception cref="PngFormatException">The input is not an 8-bit RGB or RGBA non-interlaced PNG, or is damaged.</exception>
    public static ThumbnailResult MakeThumbnail(string inputPath, string outputPath, int maxSide)
    {
        long started = Stopwatch.GetTimestamp();
        byte[] input = File.ReadAllBytes(inputPath);
        PngImage image = PngReader.Read(input, Path.GetFileName(inputPath));
        PngImage thumbnail = ImageResizer.Resize(image, maxSide);
        PngWriter.WriteFile(thumbnail, outputPath);
        return new ThumbnailResult(input.Length, thumbnail.Width, thumbnail.Height, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
