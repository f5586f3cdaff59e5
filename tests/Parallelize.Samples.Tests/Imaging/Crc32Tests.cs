using System.Text;
using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Imaging;

public sealed class Crc32Tests
{
    [Fact]
    public void Matches_the_standard_check_value()
    {
        // The check value every CRC-32/ISO-HDLC implementation must give for "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    [Fact]
    public void Matches_the_crc_of_a_real_iend_chunk()
    {
        // Every PNG ends with the same IEND chunk, whose CRC is AE 42 60 82.
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));
    }

    [Fact]
    public void Append_continues_a_crc_across_pieces()
    {
        byte[] whole = Encoding.ASCII.GetBytes("IDAT and some data after the type");
        uint inPieces = Crc32.Append(Crc32.Compute(whole.AsSpan(0, 4)), whole.AsSpan(4));
        Assert.Equal(Crc32.Compute(whole), inPieces);
    }
}
