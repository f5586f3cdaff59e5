using Parallelize.Samples.Tests.Infrastructure;

namespace Parallelize.Samples.Tests.SamplePrograms;

/// <summary>samples/PipeHello: a child sends <c>[42, None, 'hello']</c> through its end of a pipe and closes it.</summary>
[Collection(SampleProcessCollection.Name)]
public sealed class PipeHelloTests
{
    [Fact]
    public async Task Prints_the_message_the_child_sent()
    {
        await using var sample = SampleProcess.Start("PipeHello");
        SampleOutput run = await sample.RunToEndAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["[42, None, 'hello']"], run.Lines);
    }
}
