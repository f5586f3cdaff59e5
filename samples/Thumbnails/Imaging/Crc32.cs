namespace Thumbnails.Imaging;

/// <summary>
/// The CRC-32 that every PNG chunk carries (ISO 3309, reflected polynomial 0xEDB88320), computed over the chunk type
/// and data.
/// </summary>
/// <remarks>Written here because System.IO.Hashing is a separate package that this sample does not take on.</remarks>
public static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>Returns the CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Continues a CRC: <c>Append(Compute(a), b)</c> equals the CRC of <c>a</c> followed by <c>b</c>, so a chunk's type
    /// and data can be hashed without copying them together.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        foreach (byte b in data)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
