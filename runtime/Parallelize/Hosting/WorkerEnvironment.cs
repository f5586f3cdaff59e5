using System.Globalization;

namespace Parallelize.Hosting;

/// <summary>
/// The environment a parent sets for a child it starts in worker mode, and how the child reads and then removes it,
/// so that processes the child starts in turn are ordinary processes again.
/// </summary>
internal static class WorkerEnvironment
{
    /// <summary>
    /// Present only in a worker: <c>{protocol version};{parent pid};{max frame bytes};{record start times 0|1};{shared
    /// memory threshold bytes};{max shared memory bytes};{pool worker id, or empty};{preload assembly};{name}</c>.
    /// Only the name, last, may contain ';'.
    /// </summary>
    public const string WorkerVariable = "PARALLELIZE_WORKER";

    /// <summary>The user's own <c>DOTNET_STARTUP_HOOKS</c>, which the child puts back once it is running.</summary>
    public const string SavedHooksVariable = "PARALLELIZE_SAVED_STARTUP_HOOKS";

    public const string StartupHooksVariable = "DOTNET_STARTUP_HOOKS";

    /// <summary>Descriptor on which a worker reads frames from its parent.</summary>
    public const int RequestFd = 3;

    /// <summary>Descriptor on which a worker writes frames to its parent.</summary>
    public const int ResponseFd = 4;

    /// <summary>The variables to add to the parent's environment for a child.</summary>
    /// <param name="options">The frame limit, shared memory sizes, timing, name and pool worker id the child is started
    /// with.</param>
    /// <param name="hasSharedMemory">Whether the child inherits a shared memory segment.</param>
    /// <param name="startupHook">The startup hook that enters worker mode, or null when the child's entry assembly is
    /// the Parallelize runtime itself.</param>
    public static IEnumerable<KeyValuePair<string, string>> ForChild(ChildProcessOptions options, bool hasSharedMemory, string? startupHook)
    {
        // Preloading only saves time: an assembly name holding the separator is simply not preloaded.
        string preload = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "";
        if (preload.Contains(';', StringComparison.Ordinal))
        {
            preload = "";
        }

        string value = string.Create(CultureInfo.InvariantCulture,
            $"{Protocol.ProtocolConstants.Version};{Environment.ProcessId};{options.MaxFrameBytes};" +
            $"{(options.RecordStartTimes ? 1 : 0)};{options.SharedMemoryThresholdBytes};" +
            $"{(hasSharedMemory ? options.MaxSharedMemoryBytes : 0)};{options.WorkerId};{preload};{options.Name}");
        yield return new(WorkerVariable, value);
        if (startupHook is null)
        {
            yield break;
        }

        string? existing = Environment.GetEnvironmentVariable(StartupHooksVariable);
        if (string.IsNullOrEmpty(existing))
        {
            yield return new(StartupHooksVariable, startupHook);
        }
        else
        {
            yield return new(SavedHooksVariable, existing);
            yield return new(StartupHooksVariable, existing + Path.PathSeparator + startupHook);
        }
    }

    /// <summary>Reads this process's worker settings and removes the variables; null when not a worker.</summary>
    public static WorkerSettings? TakeSettings()
    {
        string? value = Environment.GetEnvironmentVariable(WorkerVariable);
        if (value is null)
        {
            return null;
        }

        Environment.SetEnvironmentVariable(WorkerVariable, null);
        Environment.SetEnvironmentVariable(StartupHooksVariable, Environment.GetEnvironmentVariable(SavedHooksVariable));
        Environment.SetEnvironmentVariable(SavedHooksVariable, null);
        return WorkerSettings.Parse(value);
    }
}
