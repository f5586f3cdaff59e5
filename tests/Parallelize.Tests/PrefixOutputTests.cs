using System.Text.RegularExpressions;
using Parallelize.Tests.Infrastructure;

namespace Parallelize.Tests;

/// <summary>
/// <see cref="ChildProcessOptions.PrefixOutput"/> and <see cref="ProcessPoolOptions.PrefixOutput"/>, seen from outside:
/// tests/Parallelize.TestApp runs the children, and its own standard output and error are read here.
/// </summary>
public sealed partial class PrefixOutputTests
{
    [Fact]
    public async Task Lines_of_a_named_child_and_of_pool_workers_arrive_whole_and_prefixed_before_their_exit_is_reported()
    {
        var (exitCode, output, error) = await TestAppProcess.RunAsync("prefix", TimeSpan.FromSeconds(120));

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {error}");
        string[] lines = output.Split('\n');
        string[] errorLines = error.Split('\n');

        // The named child: every line prefixed with its name and pid, on the stream it was written to; a line over
        // 64 KiB in prefixed pieces; the last line, which had no newline, whole; all before JoinAsync returned.
        int child = int.Parse(ChildPid().Match(output).Groups[1].Value);
        string prefix = $"[Printer pid {child}] ";
        Assert.Contains(prefix + "out named one", lines);
        Assert.Contains(prefix + "out named two", lines);
        Assert.Contains(prefix + "err named", errorLines);
        string[] pieces = [.. lines.Where(l => l.StartsWith(prefix + "x", StringComparison.Ordinal)).Select(l => l[prefix.Length..])];
        Assert.True(pieces.Length >= 2, $"{pieces.Length} piece(s) of the long line");
        Assert.Equal(100_000, pieces.Sum(p => p.Length));
        Assert.All(pieces, p => Assert.Matches("^x+$", p));
        Assert.Contains(prefix + "no newline", lines);
        Assert.True(
            Array.IndexOf(lines, prefix + "no newline") < Array.FindIndex(lines, l => l.StartsWith("worker pids:", StringComparison.Ordinal)),
            "The child's last line came after JoinAsync returned.");

        // The pool's workers: each line prefixed with the worker's id and pid, every item's lines there before the
        // disposed pool let the app print "done".
        int[] workers = [.. WorkerPids().Match(output).Groups[1].Value.Split(',').Select(int.Parse)];
        var idsByPid = new Dictionary<int, string>();
        int done = Array.IndexOf(lines, "done");
        for (int item = 1; item <= 4; item++)
        {
            foreach (var (stream, text) in new[] { (lines, $"out item {item} one"), (lines, $"out item {item} two"), (errorLines, $"err item {item}") })
            {
                string line = Assert.Single(stream, l => l.EndsWith("] " + text, StringComparison.Ordinal));
                Match match = WorkerPrefix().Match(line);
                Assert.True(match.Success, line);
                int pid = int.Parse(match.Groups[2].Value);
                Assert.Contains(pid, workers);
                Assert.Contains(match.Groups[1].Value, new[] { "1", "2" });
                Assert.Equal(idsByPid.GetValueOrDefault(pid, match.Groups[1].Value), match.Groups[1].Value);
                idsByPid[pid] = match.Groups[1].Value;
                if (ReferenceEquals(stream, lines))
                {
                    Assert.True(Array.IndexOf(lines, line) < done, $"'{line}' came after the pool was disposed.");
                }
            }
        }

        // Nothing a child printed arrived without its prefix.
        Assert.DoesNotContain(lines.Concat(errorLines), l => (l.StartsWith("out ", StringComparison.Ordinal) || l.StartsWith("err ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_grandchild_holding_the_output_open_does_not_hold_up_the_childs_exit()
    {
        var (exitCode, output, error) = await TestAppProcess.RunAsync("prefix-grandchild", TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {error}");
        Assert.Matches(@"\[ChildProcess-\d+ pid \d+\] starting a sleeper", output);

        // The sleeper sleeps for a minute; the child's exit is reported once the drain limit (2 s) has passed.
        long joined = long.Parse(Joined().Match(output).Groups[1].Value);
        Assert.True(joined < 20_000, $"JoinAsync took {joined} ms");
        int grandchild = int.Parse(GrandchildPid().Match(output).Groups[1].Value);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(grandchild, TimeSpan.FromSeconds(5)), $"The sleeper {grandchild} is still running.");
        Assert.EndsWith("done", output.TrimEnd(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"child pid: (\d+)")]
    private static partial Regex ChildPid();

    [GeneratedRegex(@"worker pids: ([\d,]+)")]
    private static partial Regex WorkerPids();

    [GeneratedRegex(@"^\[worker (\d+) pid (\d+)\] ")]
    private static partial Regex WorkerPrefix();

    [GeneratedRegex(@"joined in (\d+) ms")]
    private static partial Regex Joined();

    [GeneratedRegex(@"grandchild pid: (\d+)")]
    private static partial Regex GrandchildPid();
}
