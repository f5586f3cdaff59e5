namespace Thumbnails.Imaging;

/// <summary>Shrinks images with an area-averaging box filter: each output pixel is the mean of the source area it covers.</summary>
public static class ImageResizer
{
    /// <summary>
    /// Returns a new image whose longer side is at most <paramref name="maxSide"/>, with the aspect ratio kept. An
    /// image already that small is copied unchanged, never enlarged.
    /// </summary>
    /// <remarks>
    /// RGBA colours are averaged weighted by alpha, so fully transparent pixels, whatever colour they hold, do not
    /// tint their neighbours; an output pixel that is fully transparent comes out as 0, 0, 0, 0.
    /// </remarks>
    public static PngImage Resize(PngImage source, int maxSide)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);

        (int width, int height) = FitWithin(source.Width, source.Height, maxSide);
        if (width == source.Width && height == source.Height)
        {
            return new PngImage(source.Width, source.Height, source.Channels, (byte[])source.Pixels.Clone());
        }

        float[] rows = ShrinkRows(source, BoxFilterWeights.Create(source.Width, width), width);
        return ShrinkColumns(rows, BoxFilterWeights.Create(source.Height, height), width, source.Channels);
    }

    /// <summary>The size that fits within <paramref name="maxSide"/> × <paramref name="maxSide"/> with the aspect ratio kept, never larger than the original.</summary>
    public static (int Width, int Height) FitWithin(int width, int height, int maxSide)
    {
        if (width <= maxSide && height <= maxSide)
        {
            return (width, height);
        }

        return width >= height
            ? (maxSide, Math.Max(1, (int)Math.Round((double)height * maxSide / width)))
            : (Math.Max(1, (int)Math.Round((double)width * maxSide / height)), maxSide);
    }

    /// <summary>The horizontal pass: every source row shrunk to <paramref name="width"/>, as premultiplied floats.</summary>
    private static float[] ShrinkRows(PngImage source, BoxFilterWeights weights, int width)
    {
        int channels = source.Channels;
        bool premultiply = source.HasAlpha;
        byte[] pixels = source.Pixels;
        var rows = new float[(long)source.Height * width * channels];
        for (int y = 0; y < source.Height; y++)
        {
            int sourceRow = y * source.Stride;
            int targetRow = y * width * channels;
            for (int x = 0; x < width; x++)
            {
                float r = 0, g = 0, b = 0, a = 0;
                int weightBase = x * weights.MaxCount;
                int pixel = sourceRow + weights.First[x] * channels;
                for (int k = 0; k < weights.Count[x]; k++, pixel += channels)
                {
                    float w = weights.Weights[weightBase + k];
                    if (premultiply)
                    {
                        float alpha = pixels[pixel + 3];
                        float wa = w * alpha;
                        r += wa * pixels[pixel];
                        g += wa * pixels[pixel + 1];
                        b += wa * pixels[pixel + 2];
                        a += w * alpha;
                    }
                    else
                    {
                        r += w * pixels[pixel];
                        g += w * pixels[pixel + 1];
                        b += w * pixels[pixel + 2];
                    }
                }

                int target = targetRow + x * channels;
                rows[target] = r;
                rows[target + 1] = g;
                rows[target + 2] = b;
                if (premultiply)
                {
                    rows[target + 3] = a;
                }
            }
        }

        return rows;
    }

    /// <summary>The vertical pass: the shrunk rows combined into <paramref name="weights"/>' target rows, back to bytes.</summary>
    private static PngImage ShrinkColumns(float[] rows, BoxFilterWeights weights, int width, int channels)
    {
        int height = weights.Count.Length;
        int stride = width * channels;
        var result = new PngImage(width, height, channels);
        byte[] pixels = result.Pixels;
        var sum = new float[stride];
        for (int y = 0; y < height; y++)
        {
            Array.Clear(sum);
            int weightBase = y * weights.MaxCount;
            for (int k = 0; k < weights.Count[y]; k++)
            {
                float w = weights.Weights[weightBase + k];
                int row = (weights.First[y] + k) * stride;
                for (int i = 0; i < stride; i++)
                {
                    sum[i] += w * rows[row + i];
                }
            }

            int targetRow = y * stride;
            if (channels == 4)
            {
                for (int i = 0; i < stride; i += 4)
                {
                    float alpha = sum[i + 3];
                    float unpremultiply = alpha > 0 ? 1 / alpha : 0;
                    pixels[targetRow + i] = ToByte(sum[i] * unpremultiply);
                    pixels[targetRow + i + 1] = ToByte(sum[i + 1] * unpremultiply);
                    pixels[targetRow + i + 2] = ToByte(sum[i + 2] * unpremultiply);
                    pixels[targetRow + i + 3] = ToByte(alpha);
                }
            }
            else
            {
                for (int i = 0; i < stride; i++)
                {
                    pixels[targetRow + i] = ToByte(sum[i]);
                }
            }
        }

        return result;
    }

    private static byte ToByte(float value) => (byte)Math.Clamp((int)(value + 0.5f), 0, 255);
}
