namespace Thumbnails.Imaging;

/// <summary>Numbers fixed by the PNG specification, and the limits this codec sets for itself.</summary>
public static class PngFormat
{
    /// <summary>The longest side <see cref="PngReader"/> accepts; larger files are refused before anything is allocated.</summary>
    public const int MaxSide = 32_768;

    /// <summary>The largest pixel buffer <see cref="PngReader"/> allocates (1 GiB).</summary>
    public const long MaxPixelBytes = 1L << 30;

    /// <summary>Color type 2: RGB triples.</summary>
    public const byte ColorTypeRgb = 2;

    /// <summary>Color type 6: RGBA quadruples.</summary>
    public const byte ColorTypeRgba = 6;

    /// <summary>What a reader can say about a file it refuses: the one kind of PNG it does read.</summary>
    public const string SupportedKinds = "only 8-bit RGB and RGBA non-interlaced PNG are";

    /// <summary>Bytes around each chunk's data: length, type and CRC.</summary>
    internal const int ChunkOverhead = 12;

    /// <summary>Deflate cannot expand its input more than about 1032 to 1 (a 258-byte match coded in 2 bits).</summary>
    internal const long MaxDeflateRatio = 1032;

    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>The color type byte for an image with <paramref name="channels"/> channels.</summary>
    public static byte ColorTypeFor(int channels) => channels == 4 ? ColorTypeRgba : ColorTypeRgb;
}
