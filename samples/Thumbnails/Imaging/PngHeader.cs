using System.Buffers.Binary;

namespace Thumbnails.Imaging;

/// <summary>The IHDR chunk once it has been checked: the image is one this codec can decode and may allocate.</summary>
internal readonly record struct PngHeader(int Width, int Height, int Channels)
{
    private const int Length = 13;

    /// <summary>Bytes of one unfiltered row, without the filter-type byte.</summary>
    public int Stride => Width * Channels;

    /// <summary>
    /// Validates an IHDR chunk's data. Structural errors (what no PNG may contain) are reported before unsupported
    /// features, and both before the size limits, so the message names the most basic problem.
    /// </summary>
    public static PngHeader Parse(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length != Length)
        {
            throw new PngFormatException(source, $"the IHDR chunk is {data.Length} bytes long; it must be {Length}");
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        byte bitDepth = data[8];
        byte colorType = data[9];
        byte compressionMethod = data[10];
        byte filterMethod = data[11];
        byte interlaceMethod = data[12];

        if (width == 0 || height == 0)
        {
            throw new PngFormatException(source, $"the image is {width}x{height}; PNG width and height must be at least 1");
        }

        int channels = colorType switch
        {
            PngFormat.ColorTypeRgb => 3,
            PngFormat.ColorTypeRgba => 4,
            0 => throw Unsupported(source, "color type 0 (grayscale)"),
            3 => throw Unsupported(source, "color type 3 (palette)"),
            4 => throw Unsupported(source, "color type 4 (grayscale with alpha)"),
            _ => throw new PngFormatException(source, $"color type {colorType} is not a PNG color type (PNG defines 0, 2, 3, 4 and 6)"),
        };

        if (bitDepth == 16)
        {
            throw Unsupported(source, "bit depth 16");
        }

        if (bitDepth != 8)
        {
            throw new PngFormatException(source, $"bit depth {bitDepth} is not valid for color type {colorType}; PNG allows only 8 or 16");
        }

        if (compressionMethod != 0)
        {
            throw new PngFormatException(source, $"compression method {compressionMethod} is not valid; PNG defines only 0 (deflate)");
        }

        if (filterMethod != 0)
        {
            throw new PngFormatException(source, $"filter method {filterMethod} is not valid; PNG defines only 0");
        }

        if (interlaceMethod == 1)
        {
            throw Unsupported(source, "interlace method 1 (Adam7)");
        }

        if (interlaceMethod != 0)
        {
            throw new PngFormatException(source, $"interlace method {interlaceMethod} is not valid; PNG defines 0 (none) and 1 (Adam7)");
        }

        if (width > PngFormat.MaxSide || height > PngFormat.MaxSide)
        {
            throw new PngFormatException(source, $"the image is {width}x{height}; this reader accepts at most {PngFormat.MaxSide} pixels per side");
        }

        long pixelBytes = (long)width * height * channels;
        if (pixelBytes > PngFormat.MaxPixelBytes)
        {
            throw new PngFormatException(source, $"the image is {width}x{height} and would need {pixelBytes} bytes of pixels; this reader allocates at most {PngFormat.MaxPixelBytes} (1 GiB)");
        }

        return new PngHeader((int)width, (int)height, channels);
    }

    private static PngFormatException Unsupported(string source, string feature) =>
        new(source, $"{feature} is not supported; {PngFormat.SupportedKinds}");
}
