using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Thumbnails.Imaging;

/// <summary>
/// Decodes 8-bit RGB and RGBA non-interlaced PNG. Anything else, and any damaged file, throws a
/// <see cref="PngFormatException"/> saying what is wrong; every length in the file is checked before it is trusted.
/// </summary>
public static class PngReader
{
    private const string InMemorySourceName = "PNG data";

    /// <summary>Reads the file at <paramref name="path"/>; error messages name the file.</summary>
    /// <exception cref="PngFormatException">The file is not a PNG this reader supports, or it is damaged.</exception>
    public static PngImage ReadFile(string path) => Read(File.ReadAllBytes(path), Path.GetFileName(path));

    /// <summary>Decodes a whole PNG file held in memory.</summary>
    /// <param name="data">The file's bytes.</param>
    /// <param name="sourceName">The name error messages start with, usually the file name.</param>
    /// <exception cref="PngFormatException">The data is not a PNG this reader supports, or it is damaged.</exception>
    public static PngImage Read(byte[] data, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Decode(data, sourceName ?? InMemorySourceName);
    }

    /// <summary>Decodes a PNG from <paramref name="stream"/>, reading it to its end.</summary>
    /// <param name="stream">The PNG's bytes, from the signature on.</param>
    /// <param name="sourceName">The name error messages start with, usually the file name.</param>
    /// <exception cref="PngFormatException">The data is not a PNG this reader supports, or it is damaged.</exception>
    public static PngImage Read(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), sourceName ?? InMemorySourceName);
    }

    private static PngImage Decode(ReadOnlySpan<byte> file, string source)
    {
        CheckSignature(file, source);

        PngHeader? header = null;
        using var imageData = new MemoryStream();
        bool idatSeen = false;
        bool idatFinished = false;
        int position = PngFormat.Signature.Length;
        while (true)
        {
            string type = ReadChunk(file, ref position, source, out ReadOnlySpan<byte> data);
            if (header is null && type != "IHDR")
            {
                throw new PngFormatException(source, $"the first chunk is '{type}'; a PNG must start with an IHDR chunk");
            }

            switch (type)
            {
                case "IHDR" when header is not null:
                    throw new PngFormatException(source, "the file has more than one IHDR chunk");
                case "IHDR":
                    header = PngHeader.Parse(data, source);
                    break;
                case "IDAT" when idatFinished:
                    throw new PngFormatException(source, "the IDAT chunks are not consecutive; another chunk stands between them");
                case "IDAT":
                    idatSeen = true;
                    imageData.Write(data);
                    break;
                case "IEND" when !idatSeen:
                    throw new PngFormatException(source, "the file has no IDAT chunk, so no image data");
                case "IEND":
                    imageData.Position = 0;
                    return Inflate(header!.Value, imageData, source);
                default:
                    idatFinished = idatSeen;

                    // Bit 5 of the first type byte (lower case) marks a chunk a decoder may skip; PLTE is critical
                    // but for RGB and RGBA only a suggested palette.
                    if (char.IsUpper(type[0]) && type != "PLTE")
                    {
                        throw new PngFormatException(source, $"the file has an unknown critical chunk '{type}'");
                    }

                    break;
            }
        }
    }

    private static void CheckSignature(ReadOnlySpan<byte> file, string source)
    {
        ReadOnlySpan<byte> signature = PngFormat.Signature;
        if (file.Length < signature.Length && signature.StartsWith(file))
        {
            throw new PngFormatException(source, $"the file is truncated: it is {file.Length} bytes long, shorter than the PNG signature");
        }

        if (!file.StartsWith(signature))
        {
            throw new PngFormatException(source, "this is not a PNG file: it does not start with the PNG signature");
        }
    }

    /// <summary>Reads the chunk at <paramref name="position"/>, checks its length and CRC, and moves past it.</summary>
    private static string ReadChunk(ReadOnlySpan<byte> file, ref int position, string source, out ReadOnlySpan<byte> data)
    {
        int remaining = file.Length - position;
        if (remaining == 0)
        {
            throw new PngFormatException(source, "the file is truncated: it ends before the IEND chunk");
        }

        if (remaining < PngFormat.ChunkOverhead)
        {
            throw new PngFormatException(source, $"the file is truncated: {remaining} bytes remain where a chunk needs at least {PngFormat.ChunkOverhead}");
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(file[position..]);
        ReadOnlySpan<byte> typeBytes = file.Slice(position + 4, 4);
        string type = DescribeChunkType(typeBytes);
        if (length > int.MaxValue)
        {
            throw new PngFormatException(source, $"chunk '{type}' declares a length of {length} bytes, more than PNG allows (2^31 - 1); the file is corrupt");
        }

        if (length > remaining - PngFormat.ChunkOverhead)
        {
            throw new PngFormatException(source, $"the file is truncated: chunk '{type}' declares {length} bytes of data but only {Math.Max(0, remaining - PngFormat.ChunkOverhead)} remain");
        }

        data = file.Slice(position + 8, (int)length);
        uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(file[(position + 8 + (int)length)..]);
        uint computedCrc = Crc32.Append(Crc32.Compute(typeBytes), data);
        if (storedCrc != computedCrc)
        {
            throw new PngFormatException(source, $"chunk '{type}' has a bad CRC (stored 0x{storedCrc:X8}, computed 0x{computedCrc:X8}); the file is corrupt");
        }

        if (!IsValidChunkType(typeBytes))
        {
            throw new PngFormatException(source, $"chunk type {type} is not four ASCII letters; the file is corrupt");
        }

        position += PngFormat.ChunkOverhead + (int)length;
        return type;
    }

    private static bool IsValidChunkType(ReadOnlySpan<byte> type)
    {
        foreach (byte b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The type as text when it is letters, otherwise as hex, so a corrupt type never garbles a message.</summary>
    private static string DescribeChunkType(ReadOnlySpan<byte> type) =>
        IsValidChunkType(type) ? Encoding.ASCII.GetString(type) : "0x" + Convert.ToHexString(type);

    private static PngImage Inflate(PngHeader header, MemoryStream compressed, string source)
    {
        int rowLength = 1 + header.Stride;
        long inflatedLength = (long)rowLength * header.Height;

        // A tiny file that claims a huge image is refused here, before the pixel buffer is allocated.
        if (inflatedLength > (compressed.Length + 64) * PngFormat.MaxDeflateRatio)
        {
            throw new PngFormatException(source, $"the IDAT chunks hold {compressed.Length} bytes, too few to inflate to the {inflatedLength} bytes a {header.Width}x{header.Height} image needs; the file is truncated or corrupt");
        }

        var pixels = new byte[(long)header.Stride * header.Height];
        var current = new byte[rowLength];
        var prior = new byte[rowLength];
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        for (int y = 0; y < header.Height; y++)
        {
            try
            {
                zlib.ReadExactly(current);
            }
            catch (EndOfStreamException exception)
            {
                throw new PngFormatException(source, $"the image data ends after {y} of {header.Height} rows; the file is truncated or corrupt", exception);
            }
            catch (InvalidDataException exception)
            {
                throw new PngFormatException(source, $"the image data is not valid zlib data ({exception.Message}); the file is corrupt", exception);
            }

            byte filter = current[0];
            if (filter > (byte)PngFilterType.Paeth)
            {
                throw new PngFormatException(source, $"row {y} has filter type {filter}; PNG defines only 0 to 4; the file is corrupt");
            }

            PngFilters.Unfilter((PngFilterType)filter, current.AsSpan(1), prior.AsSpan(1), header.Channels);
            current.AsSpan(1).CopyTo(pixels.AsSpan(y * header.Stride, header.Stride));
            (current, prior) = (prior, current);
        }

        return new PngImage(header.Width, header.Height, header.Channels, pixels);
    }
}
