using Parallelize.Samples.Tests.Infrastructure;

namespace Parallelize.Samples.Tests.SamplePrograms;

/// <summary>samples/PoolSquares: <c>with Pool(5) as p: print(p.map(f, [1, 2, 3]))</c>.</summary>
[Collection(SampleProcessCollection.Name)]
public sealed class PoolSquaresTests
{
    [Fact]
    public async Task Prints_the_squares_as_Python_prints_the_list()
    {
        await using var sample = SampleProcess.Start("PoolSquares");
        SampleOutput run = await sample.RunToEndAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["[1, 4, 9]"], run.Lines);
    }
}
