using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests.Sharing;

/// <summary>Pipes between the test process and real child processes.</summary>
public sealed class ProcessPipeProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AChildAnswersOverThePipeAndStopsWhenTheParentClosesItsEnd()
    {
        var (mine, theirs) = ProcessPipe.Create<string>();
        await using var child = ChildProcess.Start(ChannelMethods.Calls.Shout(theirs));
        using (mine)
        {
            foreach (string word in new[] { "hello", "pipe", "ünïcode" })
            {
                mine.Send(word);
                Assert.Equal(word.ToUpperInvariant(), mine.Receive());
            }

            Assert.Equal(child.Pid, theirs.HolderPid); // the child holds its end once it attached
            theirs.Dispose(); // the parent's view of the child's end: closes nothing
            mine.Send("last");
            Assert.Equal("LAST", mine.Receive());
        }

        Assert.Equal(4, await child.JoinAsync(Patience));
    }

    [Fact]
    public async Task TheStreamEndsWhenThePeerProcessIsKilled()
    {
        var (mine, theirs) = ProcessPipe.Create<int>();
        await using var child = ChildProcess.Start(ChannelMethods.Calls.SendThenHang(theirs));
        using (mine)
        using (theirs)
        {
            Assert.Equal(7, mine.Receive());
            child.Kill();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAsync<EndOfStreamException>(() => Task.Run(() => mine.Receive()).WaitAsync(Patience));
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"the end of the stream took {waited.Elapsed}");
            Assert.Throws<IOException>(() => mine.Send(1));
            Assert.False(ProcessProbe.IsRunning(child.Pid));
        }
    }
}
