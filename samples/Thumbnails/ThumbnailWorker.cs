using Parallelize;

namespace Thumbnails;

/// <summary>The thumbnail job as the pool's workers run it.</summary>
public static partial class ThumbnailWorker
{
    /// <summary>
    /// Runs <see cref="ThumbnailJob.MakeThumbnail"/> in a worker process. Records cannot cross the process boundary
    /// yet, so the result travels as its four numbers: input bytes, width, height, milliseconds.
    /// </summary>
    [RunInProcess]
    public static double[] Make(string inputPath, string outputPath, int maxSide)
    {
        ThumbnailResult result = ThumbnailJob.MakeThumbnail(inputPath, outputPath, maxSide);
        return [result.InputBytes, result.Width, result.Height, result.ElapsedMilliseconds];
    }

    /// <summary>The record again, in the parent.</summary>
    public static ThumbnailResult ToResult(double[] numbers) =>
        new((long)numbers[0], (int)numbers[1], (int)numbers[2], numbers[3]);
}
