namespace Thumbnails.Imaging;

/// <summary>Makes colourful, deterministic test pictures, so the sample runs without any input files.</summary>
public static class DemoImages
{
    private const int NoiseAmplitude = 8;

    /// <summary>
    /// Writes <paramref name="count"/> PNG files named <c>demo-001.png</c>, … into <paramref name="folder"/> (created if
    /// needed) and returns their paths. Image <c>i</c> is <see cref="Render"/> with seed <c>i</c>, so every run
    /// writes the same pixels; every third one is RGBA so both decoder paths are exercised.
    /// </summary>
    public static IReadOnlyList<string> Create(string folder, int count, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        Directory.CreateDirectory(folder);
        var paths = new string[count];

        // Painting the inputs is set-up, not the work the sample measures, so it may use every core.
        Parallel.For(0, count, i =>
        {
            PngImage image = Render(i, width, height, channels: i % 3 == 2 ? 4 : 3);
            paths[i] = Path.Combine(folder, $"demo-{i + 1:D3}.png");
            using FileStream file = File.Create(paths[i]);

            // The Up filter alone encodes about three times faster than the adaptive choice, for files a few
            // percent larger.
            PngWriter.Write(image, file, PngFilterType.Up);
        });

        return paths;
    }

    /// <summary>
    /// Paints one picture: a four-colour gradient, overlapping soft-edged translucent circles and grain. RGBA pictures
    /// also fade out towards the corners. The same arguments always give the same pixels.
    /// </summary>
    public static PngImage Render(int seed, int width, int height, int channels)
    {
        var random = new Random(seed);
        var image = new PngImage(width, height, channels);
        PaintGradient(image, random);
        int circles = random.Next(6, 14);
        for (int i = 0; i < circles; i++)
        {
            PaintCircle(image, random);
        }

        AddGrain(image, random);
        if (image.HasAlpha)
        {
            PaintVignetteAlpha(image);
        }

        return image;
    }

    private static void PaintGradient(PngImage image, Random random)
    {
        byte[][] corners = [RandomColor(random), RandomColor(random), RandomColor(random), RandomColor(random)];
        for (int y = 0; y < image.Height; y++)
        {
            float v = image.Height == 1 ? 0 : (float)y / (image.Height - 1);
            for (int x = 0; x < image.Width; x++)
            {
                float u = image.Width == 1 ? 0 : (float)x / (image.Width - 1);
                int pixel = y * image.Stride + x * image.Channels;
                for (int c = 0; c < 3; c++)
                {
                    float top = corners[0][c] + (corners[1][c] - corners[0][c]) * u;
                    float bottom = corners[2][c] + (corners[3][c] - corners[2][c]) * u;
                    image.Pixels[pixel + c] = (byte)(top + (bottom - top) * v);
                }
            }
        }
    }

    private static void PaintCircle(PngImage image, Random random)
    {
        int shortSide = Math.Min(image.Width, image.Height);
        float centerX = random.Next(image.Width);
        float centerY = random.Next(image.Height);
        float radius = shortSide * (0.05f + 0.25f * random.NextSingle());
        float opacity = 0.4f + 0.5f * random.NextSingle();
        byte[] color = RandomColor(random);

        int top = Math.Max(0, (int)(centerY - radius - 1));
        int bottom = Math.Min(image.Height - 1, (int)(centerY + radius + 1));
        int left = Math.Max(0, (int)(centerX - radius - 1));
        int right = Math.Min(image.Width - 1, (int)(centerX + radius + 1));
        for (int y = top; y <= bottom; y++)
        {
            for (int x = left; x <= right; x++)
            {
                float distance = MathF.Sqrt((x - centerX) * (x - centerX) + (y - centerY) * (y - centerY));

                // One pixel of anti-aliasing at the rim.
                float coverage = Math.Clamp(radius - distance + 0.5f, 0, 1) * opacity;
                if (coverage <= 0)
                {
                    continue;
                }

                int pixel = y * image.Stride + x * image.Channels;
                for (int c = 0; c < 3; c++)
                {
                    byte old = image.Pixels[pixel + c];
                    image.Pixels[pixel + c] = (byte)(old + (color[c] - old) * coverage + 0.5f);
                }
            }
        }
    }

    private static void AddGrain(PngImage image, Random random)
    {
        var noise = new byte[image.Stride];
        for (int y = 0; y < image.Height; y++)
        {
            random.NextBytes(noise);
            Span<byte> row = image.Pixels.AsSpan(y * image.Stride, image.Stride);
            for (int i = 0; i < row.Length; i++)
            {
                int offset = noise[i] % (2 * NoiseAmplitude + 1) - NoiseAmplitude;
                row[i] = (byte)Math.Clamp(row[i] + offset, 0, 255);
            }
        }
    }

    private static void PaintVignetteAlpha(PngImage image)
    {
        float centerX = (image.Width - 1) / 2f;
        float centerY = (image.Height - 1) / 2f;
        float farthest = centerX * centerX + centerY * centerY;
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                float squared = (x - centerX) * (x - centerX) + (y - centerY) * (y - centerY);
                float fade = farthest > 0 ? squared / farthest : 0;
                image.Pixels[y * image.Stride + x * 4 + 3] = (byte)(255 * (1 - 0.7f * fade));
            }
        }
    }

    private static byte[] RandomColor(Random random) =>
        [(byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)];
}
