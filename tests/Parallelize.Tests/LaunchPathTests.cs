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
    public async Task By_default_the_settings_are_the_workers_argument_and_nothing_of_them_is_in_its_environment()
    {
        await using var arguments = ChildProcess.Start(ChildMethods.Calls.CommandLineArguments());
        await using var worker = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment(WorkerEnvironment.WorkerVariable));
        await using var saved = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment(WorkerEnvironment.SavedHooksVariable));

        string[] received = await arguments.JoinAsync(Limit);
        Assert.Single(received);
        WorkerSettings settings = WorkerSettings.Parse(received[0]);
        Assert.Equal(Environment.ProcessId, settings.ParentPid);
        Assert.Null(await worker.JoinAsync(Limit));
        Assert.Null(await saved.JoinAsync(Limit));
    }

    [Fact]
    public async Task Through_the_startup_hook_the_worker_removes_its_variables_and_restores_the_users_hooks()
    {
        // The test assembly's own startup hook does nothing unless a test asks for an impostor: it stands in for a
        // user's hook, set for the child only.
        string userHook = typeof(LaunchPathTests).Assembly.Location;
        var options = new ChildProcessOptions
        {
            StartAsApplication = true,
            EnvironmentVariables = new Dictionary<string, string?> { [WorkerEnvironment.StartupHooksVariable] = userHook },
        };
        await using var hooks = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment(WorkerEnvironment.StartupHooksVariable), options);
        await using var worker = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment(WorkerEnvironment.WorkerVariable), options);
        await using var saved = ChildProcess.Start(ChildMethods.Calls.ReadEnvironment(WorkerEnvironment.SavedHooksVariable), options);
        await using var arguments = ChildProcess.Start(ChildMethods.Calls.CommandLineArguments(), options);

        Assert.Equal(userHook, await hooks.JoinAsync(Limit));
        Assert.Null(await worker.JoinAsync(Limit));
        Assert.Null(await saved.JoinAsync(Limit));
        Assert.Empty(await arguments.JoinAsync(Limit));
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
