using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>Exceptions in the child arrive as RemoteException; a dying child gives WorkerCrashedException, never a hang.</summary>
public sealed class FailureTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Exception_in_the_child_arrives_with_type_message_stack_and_inner_chain()
    {
        await using ChildProcess child = ChildProcess.Start(ChildMethods.Calls.Throw("it broke"));

        RemoteException error = await Assert.ThrowsAsync<RemoteException>(() => child.JoinAsync(Limit));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("it broke", error.Message);
        Assert.Equal(child.Pid, error.RemotePid);
        Assert.Contains("ChildMethods.Throw", error.RemoteStackTrace);
        RemoteException inner = Assert.IsType<RemoteException>(error.InnerException);
        Assert.Equal("System.ArgumentException", inner.RemoteType);
        Assert.Equal("the inner cause", inner.Message);
        Assert.Contains("System.InvalidOperationException (in child process", error.ToString());
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public async Task Exception_from_an_async_method_arrives_after_the_await()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.ThrowAsync("bad format"));

        RemoteException error = await Assert.ThrowsAsync<RemoteException>(() => child.JoinAsync(Limit));

        Assert.Equal("System.FormatException", error.RemoteType);
        Assert.Equal("bad format", error.Message);
    }

    [Fact]
    public async Task FailFast_gives_WorkerCrashedException_with_SIGABRT()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.FailFast());

        WorkerCrashedException crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => child.JoinAsync(Limit));

        Assert.Equal(child.Pid, crash.Pid);
        Assert.Equal(6, crash.Signal);
        Assert.Null(crash.ExitCode);
        Assert.Contains("SIGABRT", crash.Message);
        Assert.Contains("ChildMethods.FailFast", crash.Message);
        Assert.Equal(-6, child.ExitCode);
    }

    [Fact]
    public async Task SIGKILL_mid_call_gives_WorkerCrashedException_with_signal_9()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.Sleep(30_000));
        await Task.Delay(200);

        child.Kill();

        WorkerCrashedException crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => child.JoinAsync(Limit));
        Assert.Equal(9, crash.Signal);
        Assert.Contains("SIGKILL", crash.Message);
    }

    [Fact]
    public async Task Stack_overflow_gives_WorkerCrashedException()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.Overflow(0));

        WorkerCrashedException crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => child.JoinAsync(Limit));

        Assert.True(crash.Signal is 6 or 11, $"unexpected signal {crash.Signal}");
    }

    [Fact]
    public async Task Exit_inside_the_method_gives_WorkerCrashedException_with_the_code()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.ExitWith(3));

        WorkerCrashedException crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => child.JoinAsync(Limit));

        Assert.Equal(3, crash.ExitCode);
        Assert.Null(crash.Signal);
        Assert.Contains("exited with code 3", crash.Message);
        Assert.Equal(3, child.ExitCode);
    }

    [Fact]
    public async Task The_channel_does_not_leak_into_processes_the_child_starts()
    {
        await using var child = ChildProcess.Start(ChildMethods.Calls.InheritedDescriptors());

        Assert.Equal("0,1,2", await child.JoinAsync(Limit));
    }

    [Fact]
    public async Task Worker_mode_does_not_leak_into_processes_the_child_starts()
    {
        await using var worker = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment("PARALLELIZE_WORKER"));
        await using var hooks = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment("DOTNET_STARTUP_HOOKS"));

        Assert.Null(await worker.JoinAsync(Limit));
        Assert.Equal(Environment.GetEnvironmentVariable("DOTNET_STARTUP_HOOKS"), await hooks.JoinAsync(Limit));
    }
}
