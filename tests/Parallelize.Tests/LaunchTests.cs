using System.Text.RegularExpressions;
using Parallelize.Tests.Infrastructure;

namespace Parallelize.Tests;

/// <summary>
/// Launch from a real console application (tests/Parallelize.TestApp) as the parent: methods declared in the app and
/// in a class library it references, the children's console output, and children dying with a SIGKILLed parent.
/// </summary>
public sealed partial class LaunchTests
{
    [Fact]
    public async Task Methods_in_the_app_and_in_a_referenced_library_run_in_children_of_the_app()
    {
        var (exitCode, output, error) = await TestAppProcess.RunAsync("run", TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr: {error}");
        int parent = int.Parse(ParentPid().Match(output).Groups[1].Value);
        Match app = RanIn().Match(output);
        Match library = RanIn().Match(output, app.Index + app.Length);
        Assert.Equal("app", app.Groups[1].Value);
        Assert.Equal("library", library.Groups[1].Value);
        foreach (Match ran in new[] { app, library })
        {
            Assert.NotEqual(parent, int.Parse(ran.Groups[3].Value));
            Assert.Equal(parent, int.Parse(ran.Groups[4].Value));
        }

        Assert.EndsWith("done", output.TrimEnd());
    }

    [Fact]
    public async Task Child_console_output_reaches_the_parent_console_without_corrupting_the_channel()
    {
        var (exitCode, output, error) = await TestAppProcess.RunAsync("run", TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        int child = int.Parse(RanIn().Match(output).Groups[3].Value);
        Assert.Contains($"console line from child {child}", output);
        Assert.Contains($"error line from child {child}", error);
    }

    [Fact]
    public async Task Children_exit_within_a_second_when_the_parent_is_SIGKILLed()
    {
        using var parent = TestAppProcess.Start("orphan");
        int child;
        try
        {
            string line = await parent.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? "";
            child = int.Parse(ChildPid().Match(line).Groups[1].Value);
            Assert.True(ProcessProbe.IsRunning(child));
        }
        finally
        {
            parent.Kill(); // SIGKILL: the parent gets no chance to clean up.
        }

        await parent.WaitForExitAsync();
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child, TimeSpan.FromSeconds(1)),
            $"child {child} still runs a second after its parent was SIGKILLed");
    }

    [GeneratedRegex(@"parent pid: (\d+)")]
    private static partial Regex ParentPid();

    [GeneratedRegex(@"child pid: (\d+)")]
    private static partial Regex ChildPid();

    [GeneratedRegex(@"(\w+) ran in (app|library) code in process (\d+) \(parent (\d+)\)")]
    private static partial Regex RanIn();
}
