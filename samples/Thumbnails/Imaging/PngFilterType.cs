namespace Thumbnails.Imaging;

/// <summary>The five per-row filters of PNG filter method 0; the value is the byte that starts each filtered row.</summary>
public enum PngFilterType : byte
{
    /// <summary>The row as it is.</summary>
    None = 0,

    /// <summary>Each byte minus the byte one pixel to the left.</summary>
    Sub = 1,

    /// <summary>Each byte minus the byte above.</summary>
    Up = 2,

    /// <summary>Each byte minus the floored mean of left and above.</summary>
    Average = 3,

    /// <summary>Each byte minus whichever of left, above and upper-left is closest to left + above - upper-left.</summary>
    Paeth = 4,
}
