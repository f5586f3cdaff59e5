namespace Thumbnails.Imaging;

/// <summary>
/// Applies and undoes the five PNG row filters. Rows exclude the leading filter-type byte; <c>prior</c> is the
/// previous row's unfiltered bytes, all zero for the first row; <c>bpp</c> is the bytes per pixel.
/// </summary>
internal static class PngFilters
{
    /// <summary>Turns a filtered row back into pixel bytes, in place.</summary>
    public static void Unfilter(PngFilterType filter, Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        switch (filter)
        {
            case PngFilterType.None:
                break;
            case PngFilterType.Sub:
                for (int i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }

                break;
            case PngFilterType.Up:
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] += prior[i];
                }

                break;
            case PngFilterType.Average:
                for (int i = 0; i < bpp; i++)
                {
                    row[i] += (byte)(prior[i] >> 1);
                }

                for (int i = bpp; i < row.Length; i++)
                {
                    row[i] += (byte)((row[i - bpp] + prior[i]) >> 1);
                }

                break;
            case PngFilterType.Paeth:
                // With no left or upper-left neighbour Paeth predicts the byte above.
                for (int i = 0; i < bpp; i++)
                {
                    row[i] += prior[i];
                }

                for (int i = bpp; i < row.Length; i++)
                {
                    row[i] += PaethPredictor(row[i - bpp], prior[i], prior[i - bpp]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "PNG defines filter types 0 to 4.");
        }
    }

    /// <summary>Writes <paramref name="row"/> filtered with <paramref name="filter"/> into <paramref name="filtered"/>.</summary>
    public static void Apply(PngFilterType filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> filtered)
    {
        int n = row.Length;
        switch (filter)
        {
            case PngFilterType.None:
                row.CopyTo(filtered);
                break;
            case PngFilterType.Sub:
                row[..bpp].CopyTo(filtered);
                for (int i = bpp; i < n; i++)
                {
                    filtered[i] = (byte)(row[i] - row[i - bpp]);
                }

                break;
            case PngFilterType.Up:
                for (int i = 0; i < n; i++)
                {
                    filtered[i] = (byte)(row[i] - prior[i]);
                }

                break;
            case PngFilterType.Average:
                for (int i = 0; i < bpp; i++)
                {
                    filtered[i] = (byte)(row[i] - (prior[i] >> 1));
                }

                for (int i = bpp; i < n; i++)
                {
                    filtered[i] = (byte)(row[i] - ((row[i - bpp] + prior[i]) >> 1));
                }

                break;
            case PngFilterType.Paeth:
                for (int i = 0; i < bpp; i++)
                {
                    filtered[i] = (byte)(row[i] - prior[i]);
                }

                for (int i = bpp; i < n; i++)
                {
                    filtered[i] = (byte)(row[i] - PaethPredictor(row[i - bpp], prior[i], prior[i - bpp]));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "PNG defines filter types 0 to 4.");
        }
    }

    /// <summary>
    /// The usual heuristic for choosing a filter: the smallest sum of the filtered bytes read as signed values tends to
    /// compress best.
    /// </summary>
    public static long SumOfAbsoluteSignedValues(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (byte b in filtered)
        {
            sum += Math.Abs((int)(sbyte)b);
        }

        return sum;
    }

    /// <summary>The Paeth predictor, with the tie order the specification requires: left, then above, then upper-left.</summary>
    public static byte PaethPredictor(byte left, byte above, byte upperLeft)
    {
        int p = left + above - upperLeft;
        int pa = Math.Abs(p - left);
        int pb = Math.Abs(p - above);
        int pc = Math.Abs(p - upperLeft);
        if (pa <= pb && pa <= pc)
        {
            return left;
        }

        return pb <= pc ? above : upperLeft;
    }
}
