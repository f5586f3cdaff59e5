using System.Diagnostics;
using System.Globalization;
using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// <see cref="ChildProcessOptions.Daemon"/>, with a real console application (tests/Parallelize.TestApp) as the parent,
/// since only a process that exits can show what its exit waits for.
/// </summary>
public sealed class DaemonTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_parent_waits_at_exit_for_a_non_daemon_child_while_a_daemon_child_ends_with_it()
    {
        using Process helper = TestAppProcess.Start("daemons");

        // Complete only once the helper and both children, which share its standard error, are gone.
        Task<string> errors = helper.StandardError.ReadToEndAsync();
        string? directory = null;
        int nonDaemon = 0, daemon = 0;
        try
        {
            directory = await ReadValueAsync(helper, "directory: ");
            nonDaemon = int.Parse(await ReadValueAsync(helper, "non-daemon pid: "), CultureInfo.InvariantCulture);
            daemon = int.Parse(await ReadValueAsync(helper, "daemon pid: "), CultureInfo.InvariantCulture);
            Assert.Equal("main returns", await helper.StandardOutput.ReadLineAsync().WaitAsync(Limit));

            // Main has returned, and the non-daemon child cannot finish before the go file exists: the helper waits,
            // and its daemon child runs on meanwhile.
            await Task.Delay(500);
            if (helper.HasExited)
            {
                Assert.Fail($"The helper exited (code {helper.ExitCode}) without waiting for its non-daemon child: {await errors}");
            }

            Assert.True(ProcessProbe.IsRunning(nonDaemon), "the non-daemon child is gone before it was let finish");
            Assert.True(ProcessProbe.IsRunning(daemon), "the daemon child is gone while its parent still runs");

            await File.WriteAllTextAsync(Path.Combine(directory, "go"), "");
            await helper.WaitForExitAsync().WaitAsync(Limit);

            if (helper.ExitCode != 0)
            {
                Assert.Fail($"The helper exited with code {helper.ExitCode}: {await errors.WaitAsync(Limit)}");
            }

            // Written by the non-daemon child after the helper's Main returned, before the helper exited.
            Assert.Equal(nonDaemon.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(directory, "done")));
            Assert.True(await ProcessProbe.WaitUntilGoneAsync(nonDaemon, TimeSpan.FromSeconds(1)), "the non-daemon child still runs");
            Assert.True(await ProcessProbe.WaitUntilGoneAsync(daemon, TimeSpan.FromSeconds(1)),
                $"daemon child {daemon} still runs a second after its parent exited");
        }
        finally
        {
            if (!helper.HasExited)
            {
                helper.Kill(entireProcessTree: true);
                await helper.WaitForExitAsync();
            }

            // Children of a parent that is gone end on their own; should one not have, it is killed here.
            foreach (int pid in new[] { nonDaemon, daemon })
            {
                if (pid > 0 && !await ProcessProbe.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(1)))
                {
                    Process.GetProcessById(pid).Kill();
                }
            }

            if (directory is not null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<string> ReadValueAsync(Process helper, string prefix)
    {
        string line = await helper.StandardOutput.ReadLineAsync().WaitAsync(Limit) ?? "";
        Assert.StartsWith(prefix, line);
        return line[prefix.Length..];
    }

    [Fact]
    public async Task Disposing_a_non_daemon_child_waits_for_it_instead_of_killing_it()
    {
        var child = ChildProcess.Start(ChildMethods.Calls.EchoAsync("late", 300), new ChildProcessOptions { Daemon = false });
        Assert.False(child.IsDaemon);
        await child.DisposeAsync();
        Assert.Equal(0, child.ExitCode);

        var daemon = ChildProcess.Start(ChildMethods.Calls.EchoAsync("late", 5_000));
        await daemon.DisposeAsync();
        Assert.Equal(-9, daemon.ExitCode);
    }
}
