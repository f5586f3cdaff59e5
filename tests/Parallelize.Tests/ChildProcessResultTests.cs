using Parallelize.Tests.Methods;

using Parallelize.Tests.Infrastructure;

namespace Parallelize.Tests;

/// <summary>A call runs in a real child process of the test host and its typed result comes back.</summary>
public sealed class ChildProcessResultTests
{
    [Fact]
    public async Task Result_comes_back_typed_from_a_different_process()
    {
        await using ChildProcess<long> child = ChildProcess.Start(ChildMethods.Calls.Square(12));

        Assert.NotEqual(Environment.ProcessId, child.Pid);
        Assert.Equal(144, await child.JoinAsync());
        Assert.False(child.IsAlive);
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public async Task Child_sees_its_own_pid_and_the_parent_as_its_parent()
    {
        await using ChildProcess<int[]> child = ChildProcess.Start(ChildMethods.Calls.Pids());

        int[] seen = await child.JoinAsync();

        Assert.Equal(child.Pid, seen[0]);
        Assert.Equal(Environment.ProcessId, seen[1]);
        Assert.Equal(1, seen[2]);
        Assert.False(ProcessContext.IsChildProcess);
    }

    [Fact]
    public async Task Task_of_T_is_awaited_in_the_child()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.EchoAsync("hi", 50));
        Assert.Equal("hi!", await child.JoinAsync());
    }

    [Fact]
    public async Task ValueTask_of_T_is_awaited_in_the_child()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.HalfAsync(5));
        Assert.Equal(2.5, await child.JoinAsync());
    }

    [Fact]
    public async Task Task_void_and_ValueTask_results_complete()
    {
        await using ChildProcess delay = ChildProcess.Start(ChildMethods.Calls.DelayAsync(20));
        await using ChildProcess nothing = ChildProcess.Start(ChildMethods.Calls.DoNothing());
        await using ChildProcess completed = ChildProcess.Start(ChildMethods.Calls.CompletedValueTask());

        await delay.JoinAsync();
        await nothing.JoinAsync();
        await completed.JoinAsync();

        Assert.Equal([0, 0, 0], new[] { delay.ExitCode, nothing.ExitCode, completed.ExitCode });
    }

    [Fact]
    public async Task InProcess_shortcut_runs_through_the_default_executor()
    {
        Assert.Equal(81, await ChildMethods.InProcess.Square(9));
        Assert.Equal("x!", await ChildMethods.InProcess.EchoAsync("x", 0));
        await ChildMethods.InProcess.DoNothing();
    }

    [Fact]
    public async Task Join_with_timeout_leaves_a_slow_child_running_until_killed()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.Sleep(30_000));

        TimeoutException timeout = await Assert.ThrowsAsync<TimeoutException>(() => child.JoinAsync(TimeSpan.FromMilliseconds(200)));

        Assert.Contains("still running", timeout.Message);
        Assert.True(child.IsAlive);
        Assert.Null(child.ExitCode);
        child.Kill();
        await Assert.ThrowsAsync<WorkerCrashedException>(() => child.JoinAsync());
        Assert.Equal(-9, child.ExitCode);
    }

    [Fact]
    public async Task Join_is_cancellable_without_killing_the_child()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.Sleep(30_000));
        using var cancel = new CancellationTokenSource(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => child.JoinAsync(cancel.Token));

        Assert.True(child.IsAlive);
    }

    [Fact]
    public async Task Cancelling_a_ChildProcessExecutor_call_ends_it_at_once()
    {
        using var cancel = new CancellationTokenSource();
        Task<int> sleeping = ChildProcessExecutor.Instance.RunAsync(ChildMethods.Calls.Sleep(30_000), cancel.Token);
        await Task.Delay(300);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeping.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Dispose_kills_a_running_child_and_reaps_it()
    {
        var child = ChildProcess.Start(ChildMethods.Calls.Sleep(30_000));
        int pid = child.Pid;
        Assert.True(ProcessProbe.IsRunning(pid));

        await child.DisposeAsync();

        Assert.False(child.IsAlive);
        Assert.Equal(-9, child.ExitCode);
        Assert.False(File.Exists($"/proc/{pid}/stat"), "the child was not reaped");
    }

    [Fact]
    public async Task Terminate_sends_SIGTERM()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.Sleep(30_000));
        await Task.Delay(200);

        child.Terminate();

        await Assert.ThrowsAsync<WorkerCrashedException>(() => child.JoinAsync(TimeSpan.FromSeconds(10)));
        Assert.False(child.IsAlive);
        Assert.NotEqual(0, child.ExitCode);
    }

    [Fact]
    public async Task Options_set_the_child_environment_and_working_directory()
    {
        var options = new ChildProcessOptions
        {
            EnvironmentVariables = new Dictionary<string, string?> { ["PARALLELIZE_TEST_VALUE"] = "forty-two" },
            WorkingDirectory = "/tmp",
        };

        await using var env = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment("PARALLELIZE_TEST_VALUE"), options);
        await using var cwd = ChildProcess.Start(ChildMethods.Calls.WorkingDirectory(), options);

        Assert.Equal("forty-two", await env.JoinAsync());
        Assert.Equal("/tmp", await cwd.JoinAsync());
    }
}
