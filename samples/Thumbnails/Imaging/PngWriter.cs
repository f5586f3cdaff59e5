using System.Buffers.Binary;
using System.IO.Compression;

namespace Thumbnails.Imaging;

/// <summary>Encodes a <see cref="PngImage"/> as an 8-bit RGB or RGBA non-interlaced PNG.</summary>
public static class PngWriter
{
    // Several IDAT chunks rather than one, so a reader never has to trust one huge length.
    private const int MaxIdatLength = 1 << 20;

    private static readonly PngFilterType[] AllFilters = Enum.GetValues<PngFilterType>();

    /// <summary>Writes <paramref name="image"/> to <paramref name="output"/> as a PNG file.</summary>
    /// <param name="image">The image.</param>
    /// <param name="output">Where the file's bytes go; left open.</param>
    /// <param name="filter">
    /// The filter for every row; by default each row gets the filter whose output should compress best (smallest sum
    /// of absolute signed bytes). Forcing one is mainly for tests.
    /// </param>
    /// <param name="compression">The deflate effort: <see cref="CompressionLevel.Fastest"/> is several times quicker on photographic content, for somewhat larger files.</param>
    public static void Write(PngImage image, Stream output, PngFilterType? filter = null, CompressionLevel compression = CompressionLevel.Optimal)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(output);

        output.Write(PngFormat.Signature);
        WriteChunk(output, "IHDR"u8, Header(image));

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, compression, leaveOpen: true))
        {
            WriteFilteredRows(image, zlib, filter);
        }

        ReadOnlySpan<byte> imageData = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        while (imageData.Length > 0)
        {
            int length = Math.Min(imageData.Length, MaxIdatLength);
            WriteChunk(output, "IDAT"u8, imageData[..length]);
            imageData = imageData[length..];
        }

        WriteChunk(output, "IEND"u8, []);
    }

    /// <summary>Writes <paramref name="image"/> to a new file at <paramref name="path"/>, replacing any file there.</summary>
    /// <param name="image">The image.</param>
    /// <param name="path">The file to create.</param>
    public static void WriteFile(PngImage image, string path)
    {
        using FileStream file = File.Create(path);
        Write(image, file);
    }

    private static byte[] Header(PngImage image)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 8;
        header[9] = PngFormat.ColorTypeFor(image.Channels);

        // Bytes 10 to 12 stay 0: deflate, filter method 0, no interlacing.
        return header;
    }

    private static void WriteFilteredRows(PngImage image, Stream zlib, PngFilterType? forcedFilter)
    {
        int stride = image.Stride;
        var prior = new byte[stride];
        var candidate = new byte[1 + stride];
        var best = new byte[1 + stride];
        for (int y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> row = image.Pixels.AsSpan(y * stride, stride);
            if (forcedFilter is { } filter)
            {
                best[0] = (byte)filter;
                PngFilters.Apply(filter, row, prior, image.Channels, best.AsSpan(1));
            }
            else
            {
                long bestScore = long.MaxValue;
                foreach (PngFilterType type in AllFilters)
                {
                    PngFilters.Apply(type, row, prior, image.Channels, candidate.AsSpan(1));
                    long score = PngFilters.SumOfAbsoluteSignedValues(candidate.AsSpan(1));
                    if (score < bestScore)
                    {
                        bestScore = score;
                        candidate[0] = (byte)type;
                        (best, candidate) = (candidate, best);
                    }
                }
            }

            zlib.Write(best);
            row.CopyTo(prior);
        }
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(field, data.Length);
        output.Write(field);
        output.Write(type);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(field, Crc32.Append(Crc32.Compute(type), data));
        output.Write(field);
    }
}
