using System.Globalization;
using System.Text.RegularExpressions;
using Parallelize.Samples.Tests.Infrastructure;

namespace Parallelize.Samples.Tests.SamplePrograms;

/// <summary>samples/SingAndDance: a non-daemon singer the sample's exit waits for, and a daemon dancer that ends with it.</summary>
[Collection(SampleProcessCollection.Name)]
public sealed partial class SingAndDanceTests
{
    [Fact]
    public async Task The_exit_waits_for_the_singer_and_takes_the_dancer_with_it()
    {
        await using var sample = SampleProcess.Start("SingAndDance");
        SampleOutput run = await sample.RunToEndAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Match started = StartedLine().Match(run.Lines[0]);
        Assert.True(started.Success, run.Lines[0]);
        Assert.Equal(sample.Pid, int.Parse(started.Groups["main"].Value, CultureInfo.InvariantCulture));
        int singer = int.Parse(started.Groups["singer"].Value, CultureInfo.InvariantCulture);
        int dancer = int.Parse(started.Groups["dancer"].Value, CultureInfo.InvariantCulture);
        Assert.Equal("main returns", run.Lines[1]);

        // Everything after Main returned: the singer's whole song, which takes about a second, and its last line. A
        // child never outlives its parent, so the singer could print "done" only because the exit waited for it.
        List<string> after = [.. run.Lines.Skip(2)];
        Assert.Equal(
            [$"singer {singer}: la la la (1/3)", $"singer {singer}: la la la (2/3)", $"singer {singer}: la la la (3/3)", $"singer {singer}: done"],
            after.Where(line => line.StartsWith("singer ", StringComparison.Ordinal)));
        Assert.All(after.Where(line => !line.StartsWith("singer ", StringComparison.Ordinal)), line => Assert.Equal($"dancer {dancer}: tango", line));

        Assert.Contains(singer, sample.Children);
        Assert.Contains(dancer, sample.Children);

        // The dancer never stops on its own: that it is gone means it ended with the sample.
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(dancer, SampleProcess.ChildGrace), $"the daemon dancer {dancer} still runs");
        Assert.False(ProcessProbe.IsRunning(singer), $"the singer {singer} still runs");
    }

    [GeneratedRegex(@"^main (?<main>\d+): singer is pid (?<singer>\d+) \(daemon: no\), dancer is pid (?<dancer>\d+) \(daemon: yes\)$")]
    private static partial Regex StartedLine();
}
