using Parallelize.Samples.Tests.Infrastructure;

namespace Parallelize.Samples.Tests.SamplePrograms;

/// <summary>samples/QueueHello: a child puts <c>[42, None, 'hello']</c> on a queue the parent reads.</summary>
[Collection(SampleProcessCollection.Name)]
public sealed class QueueHelloTests
{
    [Fact]
    public async Task Prints_the_item_the_child_put()
    {
        await using var sample = SampleProcess.Start("QueueHello");
        SampleOutput run = await sample.RunToEndAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["[42, None, 'hello']"], run.Lines);
    }
}
