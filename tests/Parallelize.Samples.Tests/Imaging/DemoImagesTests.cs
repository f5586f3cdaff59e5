using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Imaging;

public sealed class DemoImagesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("demo-images-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Written_files_read_back_as_the_rendered_pixels()
    {
        IReadOnlyList<string> paths = DemoImages.Create(_folder, count: 4, width: 64, height: 48);

        Assert.Equal(["demo-001.png", "demo-002.png", "demo-003.png", "demo-004.png"], paths.Select(Path.GetFileName));
        for (int i = 0; i < paths.Count; i++)
        {
            PngImage image = PngReader.ReadFile(paths[i]);
            int channels = i == 2 ? 4 : 3;
            Assert.Equal((64, 48, channels), (image.Width, image.Height, image.Channels));
            Assert.Equal(DemoImages.Render(i, 64, 48, channels).Pixels, image.Pixels);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_picture_and_different_seeds_differ()
    {
        byte[] first = DemoImages.Render(3, 80, 60, 3).Pixels;

        Assert.Equal(first, DemoImages.Render(3, 80, 60, 3).Pixels);
        Assert.NotEqual(first, DemoImages.Render(4, 80, 60, 3).Pixels);
    }

    [Fact]
    public void Pictures_are_colourful_not_flat()
    {
        PngImage image = DemoImages.Render(0, 120, 90, 3);

        int distinctColors = Enumerable.Range(0, image.Width * image.Height)
            .Select(p => (image.Pixels[p * 3], image.Pixels[p * 3 + 1], image.Pixels[p * 3 + 2]))
            .Distinct()
            .Count();
        Assert.True(distinctColors > 1000, $"only {distinctColors} distinct colours");
    }
}
