using Parallelize.Samples.Tests.Infrastructure;

namespace Parallelize.Samples.Tests.SamplePrograms;

/// <summary>samples/SharedCounter: Python's Value and Array example, then a counter four processes increment.</summary>
[Collection(SampleProcessCollection.Name)]
public sealed class SharedCounterTests
{
    [Fact]
    public async Task Prints_what_the_child_wrote_and_the_exact_total()
    {
        await using var sample = SampleProcess.Start("SharedCounter");
        SampleOutput run = await sample.RunToEndAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            [
                "3.1415927",
                "[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]",
                "counter: 4000000 (4 processes x 1000000 increments)",
            ],
            run.Lines);
    }
}
