using System.Globalization;
using Parallelize.Samples.Tests.Infrastructure;

namespace Parallelize.Samples.Tests.SamplePrograms;

/// <summary>samples/NamedWorkers: five children named <c>worker 0</c> to <c>worker 4</c>.</summary>
[Collection(SampleProcessCollection.Name)]
public sealed class NamedWorkersTests
{
    [Fact]
    public async Task Each_worker_prints_its_own_name_and_is_joined_in_start_order()
    {
        await using var sample = SampleProcess.Start("NamedWorkers");
        SampleOutput run = await sample.RunToEndAsync();

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(10, run.Lines.Count);
        List<string> joined = [.. run.Lines.Where(line => line.StartsWith("joined ", StringComparison.Ordinal))];
        Assert.Equal(5, joined.Count);
        var pids = new HashSet<int>();
        for (int i = 0; i < 5; i++)
        {
            // "joined worker 2 (pid 1234), exit code 0", after the child's own "worker 2 1234".
            string prefix = $"joined worker {i} (pid ";
            Assert.StartsWith(prefix, joined[i]);
            Assert.EndsWith("), exit code 0", joined[i]);
            string pid = joined[i][prefix.Length..joined[i].IndexOf(')', StringComparison.Ordinal)];
            Assert.True(pids.Add(int.Parse(pid, CultureInfo.InvariantCulture)), $"two workers share pid {pid}");
            int own = run.Lines.ToList().IndexOf($"worker {i} {pid}");
            Assert.True(own >= 0 && own < run.Lines.ToList().IndexOf(joined[i]), $"worker {i} did not print its name and pid before it was joined");
        }

        Assert.DoesNotContain(sample.Pid, pids);
    }
}
