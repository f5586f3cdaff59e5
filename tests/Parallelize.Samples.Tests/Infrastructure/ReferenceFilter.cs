using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Infrastructure;

/// <summary>
/// The PNG filters written again, straight from the specification's formulas and independently of the codec, so a
/// mistake that the codec's filter and unfilter share cannot pass the tests unnoticed.
/// </summary>
internal static class ReferenceFilter
{
    /// <summary>Filt(x) for every byte of <paramref name="row"/>, given the unfiltered <paramref name="prior"/> row.</summary>
    public static byte[] Apply(PngFilterType type, byte[] row, byte[] prior, int bytesPerPixel)
    {
        var filtered = new byte[row.Length];
        for (int x = 0; x < row.Length; x++)
        {
            int a = x >= bytesPerPixel ? row[x - bytesPerPixel] : 0;
            int b = prior[x];
            int c = x >= bytesPerPixel ? prior[x - bytesPerPixel] : 0;
            int predicted = type switch
            {
                PngFilterType.None => 0,
                PngFilterType.Sub => a,
                PngFilterType.Up => b,
                PngFilterType.Average => (a + b) / 2,
                PngFilterType.Paeth => Paeth(a, b, c),
                _ => throw new ArgumentOutOfRangeException(nameof(type)),
            };
            filtered[x] = (byte)((row[x] - predicted) & 0xFF);
        }

        return filtered;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }
}
