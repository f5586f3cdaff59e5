using System.Globalization;

namespace Parallelize.Hosting;

/// <summary>
/// How a parent tells a child it starts that it is a worker, and with which settings. A child whose entry assembly is
/// the Parallelize runtime gets the settings as its one argument (<see cref="Worker.WorkerMain"/>), so nothing is left
/// for the processes it starts in turn. A child that is the application started again (self-contained, single-file,
/// NativeAOT) gets them in <see cref="WorkerVariable"/>, read by the startup hook or the module initializer and then
/// removed, so that its own children are ordinary processes again.
/// </summary>
internal static class WorkerEnvironment
{
    /// <summary>
    /// The worker settings of an application started again as a worker; see <see cref="Settings"/>.
    /// </summary>
    public const string WorkerVariable = "PARALLELIZE_WORKER";

    /// <summary>The user's own <c>DOTNET_STARTUP_HOOKS</c> (empty for none), which the child puts back once it runs.</summary>
    public const string SavedHooksVariable = "PARALLELIZE_SAVED_STARTUP_HOOKS";

    public const string StartupHooksVariable = "DOTNET_STARTUP_HOOKS";

    /// <summary>Descriptor on which a worker reads frames from its parent.</summary>
    public const int RequestFd = 3;

    /// <summary>Descriptor on which a worker writes frames to its parent.</summary>
    public const int ResponseFd = 4;

    /// <summary>
    /// The settings a child is started with: <c>{protocol version};{parent pid};{max frame bytes};{record start times
    /// 0|1};{shared memory threshold bytes};{max shared memory bytes};{lend probe address};{pool worker id, or
    /// empty};{preload assembly};{name}</c>. Only the name, last, may contain ';'. Parsed by <see cref="WorkerSettings.Parse"/>.
    /// </summary>
    /// <param name="options">The frame limit, shared memory sizes, timing, name and pool worker id the child is started
    /// with.</param>
    /// <param name="hasSharedMemory">Whether the child inherits a shared memory segment.</param>
    public static string Settings(ChildProcessOptions options, bool hasSharedMemory)
    {
        // Preloading only saves time: an assembly name holding the separator is simply not preloaded.
        string preload = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "";
        if (preload.Contains(';', StringComparison.Ordinal))
        {
            preload = "";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{Protocol.ProtocolConstants.Version};{Environment.ProcessId};{options.MaxFrameBytes};" +
            $"{(options.RecordStartTimes ? 1 : 0)};{options.SharedMemoryThresholdBytes};" +
            $"{(hasSharedMemory ? options.MaxSharedMemoryBytes : 0)};{(hasSharedMemory ? Bulk.LendProbe.Address : 0)};" +
            $"{options.WorkerId};{preload};{options.Name}");
    }

    /// <summary>The variables to add to the parent's environment for an application started again as a worker.</summary>
    /// <param name="settings">What <see cref="Settings"/> returned.</param>
    /// <param name="startupHook">The startup hook that enters worker mode before the application's Main.</param>
    /// <param name="existing">The child's <c>DOTNET_STARTUP_HOOKS</c> otherwise, the parent's or the options'; null for
    /// none.</param>
    public static IEnumerable<KeyValuePair<string, string>> ForApplication(string settings, string startupHook, string? existing)
    {
        yield return new(WorkerVariable, settings);

        // Saved even when empty: it tells the child that its hooks variable is the parent's doing.
        existing ??= "";
        yield return new(SavedHooksVariable, existing);
        yield return new(StartupHooksVariable, existing.Length == 0 ? startupHook : existing + Path.PathSeparator + startupHook);
    }

    /// <summary>Reads this process's worker settings from the environment and removes the variables; null when not a
    /// worker started that way.</summary>
    public static WorkerSettings? TakeSettings()
    {
        string? value = Environment.GetEnvironmentVariable(WorkerVariable);
        if (value is null)
        {
            return null;
        }

        Environment.SetEnvironmentVariable(WorkerVariable, null);
        string? savedHooks = Environment.GetEnvironmentVariable(SavedHooksVariable);
        if (savedHooks is not null)
        {
            Environment.SetEnvironmentVariable(StartupHooksVariable, savedHooks.Length == 0 ? null : savedHooks);
            Environment.SetEnvironmentVariable(SavedHooksVariable, null);
        }

        return WorkerSettings.Parse(value);
    }
}
