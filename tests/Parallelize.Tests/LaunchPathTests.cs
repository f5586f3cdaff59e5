using Parallelize.Hosting;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// Both ways a worker starts: "dotnet exec" with the runtime as entry assembly (the default wherever a dotnet host
/// runs the app), and the application itself turned into a worker by a startup hook (self-contained apps).
/// </summary>
public sealed class LaunchPathTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task By_default_the_runtime_is_the_childs_entry_assembly_and_no_hook_is_set()
    {
        await using var entry = ChildProcess.Start(ChildMethods.Calls.EntryAssembly());
        await using var hooks = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment("DOTNET_STARTUP_HOOKS"));

        Assert.Equal("Parallelize", await entry.JoinAsync(Limit));
        Assert.Null(await hooks.JoinAsync(Limit));
        Assert.False(HostCommandLine.Current.NeedsStartupHook);
        Assert.Equal("exec", HostCommandLine.Current.Arguments[1]);
        Assert.Equal(typeof(Call).Assembly.Location, HostCommandLine.Current.Arguments[^1]);
    }

    [Fact]
    public async Task Started_as_the_application_the_child_becomes_a_worker_through_the_startup_hook()
    {
        var options = new ChildProcessOptions { StartAsApplication = true };
        await using var entry = ChildProcess.Start(ChildMethods.Calls.EntryAssembly(), options);
        await using var value = ChildProcess.Start(ChildMethods.Calls.EchoString("through the hook"), options);
        await using var hooks = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment("DOTNET_STARTUP_HOOKS"), options);

        Assert.Equal("testhost", await entry.JoinAsync(Limit));
        Assert.Equal("through the hook", await value.JoinAsync(Limit));
        // The worker restores the variable, so processes it starts do not become workers.
        Assert.Equal(Environment.GetEnvironmentVariable("DOTNET_STARTUP_HOOKS"), await hooks.JoinAsync(Limit));
        Assert.True(HostCommandLine.Application.NeedsStartupHook);
    }
}
