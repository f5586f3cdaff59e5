namespace Thumbnails.Imaging;

/// <summary>
/// For shrinking one axis from <c>sourceLength</c> to <c>targetLength</c> samples: which source samples each target
/// sample covers and by what fraction, so every target sample is the area-weighted mean of the span it covers.
/// </summary>
internal sealed class BoxFilterWeights
{
    private BoxFilterWeights(int[] first, int[] count, float[] weights, int maxCount)
    {
        First = first;
        Count = count;
        Weights = weights;
        MaxCount = maxCount;
    }

    /// <summary>The first source index that target sample <c>i</c> covers.</summary>
    public int[] First { get; }

    /// <summary>How many source samples target sample <c>i</c> covers.</summary>
    public int[] Count { get; }

    /// <summary>Weights of target sample <c>i</c> at <c>i * MaxCount + k</c>, for its source sample <c>First[i] + k</c>; they sum to 1.</summary>
    public float[] Weights { get; }

    /// <summary>The stride of <see cref="Weights"/>: the most source samples any target sample covers.</summary>
    public int MaxCount { get; }

    /// <summary>Computes the weights; <paramref name="targetLength"/> must not exceed <paramref name="sourceLength"/>.</summary>
    public static BoxFilterWeights Create(int sourceLength, int targetLength)
    {
        double scale = (double)sourceLength / targetLength;
        int maxCount = (int)Math.Ceiling(scale) + 1;
        var first = new int[targetLength];
        var count = new int[targetLength];
        var weights = new float[targetLength * maxCount];
        for (int i = 0; i < targetLength; i++)
        {
            double start = i * scale;
            double end = Math.Min((i + 1) * scale, sourceLength);
            int from = (int)Math.Floor(start);
            int to = Math.Min((int)Math.Ceiling(end), sourceLength);
            first[i] = from;
            count[i] = to - from;

            double total = 0;
            for (int j = from; j < to; j++)
            {
                total += Math.Min(end, j + 1) - Math.Max(start, j);
            }

            // Normalising by the summed overlap rather than by scale keeps a uniform image exactly uniform.
            for (int j = from; j < to; j++)
            {
                double overlap = Math.Min(end, j + 1) - Math.Max(start, j);
                weights[i * maxCount + j - from] = (float)(overlap / total);
            }
        }

        return new BoxFilterWeights(first, count, weights, maxCount);
    }
}
