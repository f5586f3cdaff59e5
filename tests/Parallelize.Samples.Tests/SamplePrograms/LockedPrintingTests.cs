using Parallelize.Samples.Tests.Infrastructure;

namespace Parallelize.Samples.Tests.SamplePrograms;

/// <summary>samples/LockedPrinting: ten children print <c>hello world</c> and their number under one lock.</summary>
[Collection(SampleProcessCollection.Name)]
public sealed class LockedPrintingTests
{
    [Fact]
    public async Task Every_child_prints_one_whole_line()
    {
        await using var sample = SampleProcess.Start("LockedPrinting");
        SampleOutput run = await sample.RunToEndAsync();

        Assert.True(run.ExitCode == 0, run.Error);

        // In any order, as in Python, but each line whole: a child writes it in three pieces while it holds the lock.
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"hello world {i}"), run.Lines.Order(StringComparer.Ordinal));
    }
}
