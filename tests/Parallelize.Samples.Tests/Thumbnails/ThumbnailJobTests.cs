using Parallelize.Samples.Tests.Infrastructure;
using Thumbnails;
using Thumbnails.Imaging;

namespace Parallelize.Samples.Tests.Thumbnails;

public sealed class ThumbnailJobTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thumbnail-job-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Makes_a_thumbnail_file_and_reports_it()
    {
        string input = Path.Combine(_folder, "in.png");
        string output = Path.Combine(_folder, "out.png");
        PngWriter.WriteFile(DemoImages.Render(1, 300, 200, 4), input);

        ThumbnailResult result = ThumbnailJob.MakeThumbnail(input, output, 64);

        Assert.Equal(new FileInfo(input).Length, result.InputBytes);
        Assert.Equal((64, 43), (result.Width, result.Height));
        Assert.True(result.ElapsedMilliseconds > 0);
        PngImage thumbnail = PngReader.ReadFile(output);
        Assert.Equal((64, 43, 4), (thumbnail.Width, thumbnail.Height, thumbnail.Channels));
    }

    [Fact]
    public void Unsupported_input_fails_with_a_message_naming_the_file()
    {
        string input = Path.Combine(_folder, "palette.png");
        File.WriteAllBytes(input, PngFileBuilder.Plausible(4, 4, bitDepth: 8, colorType: 3));

        var error = Assert.Throws<PngFormatException>(() => ThumbnailJob.MakeThumbnail(input, Path.Combine(_folder, "out.png"), 64));

        Assert.StartsWith("palette.png: color type 3 (palette) is not supported", error.Message);
    }
}
