namespace Thumbnails;

/// <summary>What making one thumbnail produced.</summary>
/// <param name="InputBytes">Size of the input PNG file.</param>
/// <param name="Width">Width of the thumbnail.</param>
/// <param name="Height">Height of the thumbnail.</param>
/// <param name="ElapsedMilliseconds">Time to read, resize and write, measured where the work ran.</param>
public sealed record ThumbnailResult(long InputBytes, int Width, int Height, double ElapsedMilliseconds);
