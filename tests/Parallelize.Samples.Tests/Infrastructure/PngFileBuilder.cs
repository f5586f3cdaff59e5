using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Infrastructure;

/// <summary>
/// Assembles PNG files chunk by chunk, so tests can make files the writer never would: other color types, bit
/// depths, interlacing, hand-filtered rows, damaged chunks.
/// </summary>
internal static class PngFileBuilder
{
    /// <summary>The signature followed by the chunks, each with its length and a correct CRC.</summary>
    public static byte[] File(params (string Type, byte[] Data)[] chunks)
    {
        var file = new MemoryStream();
        file.Write(PngFormat.Signature);
        foreach ((string type, byte[] data) in chunks)
        {
            file.Write(Chunk(type, data));
        }

        return file.ToArray();
    }

    /// <summary>One chunk: length, type, data, CRC.</summary>
    public static byte[] Chunk(string type, byte[] data)
    {
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.Append(Crc32.Compute(typeBytes), data));
        return chunk;
    }

    /// <summary>IHDR data with the given fields.</summary>
    public static byte[] Ihdr(uint width, uint height, byte bitDepth = 8, byte colorType = 2, byte interlace = 0, byte compression = 0, byte filterMethod = 0)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), height);
        data[8] = bitDepth;
        data[9] = colorType;
        data[10] = compression;
        data[11] = filterMethod;
        data[12] = interlace;
        return data;
    }

    /// <summary>zlib-compresses <paramref name="raw"/>, the filtered rows each led by their filter byte.</summary>
    public static byte[] Zlib(byte[] raw)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return compressed.ToArray();
    }

    /// <summary>A complete file with the given header and uncompressed, already filtered image data.</summary>
    public static byte[] WithRawImageData(byte[] ihdr, byte[] raw) =>
        File(("IHDR", ihdr), ("IDAT", Zlib(raw)), ("IEND", []));

    /// <summary>
    /// A file whose header says <paramref name="colorType"/> and <paramref name="bitDepth"/>, with image data of the
    /// right size for them (all zero, filter None), so only the header can be the reason to refuse it.
    /// </summary>
    public static byte[] Plausible(uint width, uint height, byte bitDepth, byte colorType, byte interlace = 0)
    {
        int samplesPerPixel = colorType switch { 0 or 3 => 1, 4 => 2, 6 => 4, _ => 3 };
        long rowBytes = 1 + ((width * samplesPerPixel * bitDepth) + 7) / 8;
        var raw = new byte[rowBytes * height];
        var chunks = new List<(string, byte[])> { ("IHDR", Ihdr(width, height, bitDepth, colorType, interlace)) };
        if (colorType == 3)
        {
            chunks.Add(("PLTE", [0, 0, 0, 255, 255, 255]));
        }

        chunks.Add(("IDAT", Zlib(raw)));
        chunks.Add(("IEND", []));
        return File([.. chunks]);
    }
}
