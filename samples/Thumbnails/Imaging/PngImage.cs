namespace Thumbnails.Imaging;

/// <summary>An 8-bit-per-channel RGB or RGBA image, its pixels stored row-major with no padding between rows.</summary>
public sealed class PngImage
{
    /// <summary>Wraps <paramref name="pixels"/>, which must hold exactly width × height × channels bytes.</summary>
    public PngImage(int width, int height, int channels, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (channels is not (3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Only 3 (RGB) or 4 (RGBA) channels are supported.");
        }

        ArgumentNullException.ThrowIfNull(pixels);
        long expected = (long)width * height * channels;
        if (pixels.LongLength != expected)
        {
            throw new ArgumentException($"A {width}x{height} image with {channels} channels needs {expected} bytes, not {pixels.LongLength}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>Creates a zero-filled (black, and for RGBA fully transparent) image.</summary>
    public PngImage(int width, int height, int channels)
        : this(width, height, channels, new byte[checked((long)width * height * channels)])
    {
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>3 for RGB, 4 for RGBA.</summary>
    public int Channels { get; }

    /// <summary>True for RGBA.</summary>
    public bool HasAlpha => Channels == 4;

    /// <summary>Bytes per row: <see cref="Width"/> × <see cref="Channels"/>.</summary>
    public int Stride => Width * Channels;

    /// <summary>The pixels, row after row; each pixel is R, G, B and, for RGBA, A.</summary>
    public byte[] Pixels { get; }
}
