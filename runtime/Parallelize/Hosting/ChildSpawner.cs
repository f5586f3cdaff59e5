using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Parallelize.Native;

namespace Parallelize.Hosting;

/// <summary>
/// Starts the current application again in worker mode with posix_spawn. The child gets the read end of the
/// request pipe as descriptor 3, the write end of the response pipe as descriptor 4, its <see cref="ProgressSlot"/>
/// page as descriptor 5 and its <see cref="Bulk.BulkSegment"/> (if any) as descriptor 6 (dup2 clears close-on-exec on
/// just those), /dev/null as standard input, and the parent's standard output and error, so its console output
/// reaches the parent's console without touching the channel; or, with <see cref="ChildProcessOptions.PrefixOutput"/>,
/// the write ends of two pipes the parent reads (<see cref="PrefixedOutput"/>). What runs is <see cref="HostCommandLine.Current"/>:
/// normally the runtime itself as entry assembly, whose Main is the worker loop; for a self-contained app, the app
/// again, with a .NET startup hook that enters the loop before its Main. A module initializer cannot do that: the
/// loop would run inside the unfinished module constructor, and every other thread touching that assembly (an await
/// continuation) would block on it.
/// </summary>
internal static unsafe class ChildSpawner
{
    private static bool s_closeFromAvailable = true;

    /// <summary>Descriptors 3 to 6 are the child's targets; sources at 7 or above cannot be clobbered by the dup2s.</summary>
    private const int FirstFreeSourceFd = Bulk.BulkSegment.InheritedFd + 1;

    private const string StartupHookName = "Parallelize";

    /// <param name="options">How to start the child.</param>
    /// <param name="progressFd">The memfd of the child's <see cref="ProgressSlot"/>; the caller closes it afterwards.</param>
    /// <param name="bulkFd">The memfd of the child's <see cref="Bulk.BulkSegment"/>, or -1 for none; the caller closes it
    /// afterwards.</param>
    public static SpawnedChild Spawn(ChildProcessOptions options, int progressFd, int bulkFd)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Parallelize starts child processes on Linux only, for now.");
        }

        // A child started as a worker whose startup hook did not run (hooks turned off, as trimming does by default)
        // reaches the application's Main, and Main starts children of its own: a chain of processes without end.
        // Here, at the first child it would start, it becomes the worker it was started to be, and never returns.
        Worker.WorkerHost.RunIfRequested();

        HostCommandLine host = options.StartAsApplication ? HostCommandLine.Application : HostCommandLine.Current;
        var (requestRead, requestWrite) = FileDescriptors.CreatePipe();
        var (responseRead, responseWrite) = FileDescriptors.CreatePipe();
        var (outputRead, outputWrite) = options.PrefixOutput ? FileDescriptors.CreatePipe() : (-1, -1);
        var (errorRead, errorWrite) = options.PrefixOutput ? FileDescriptors.CreatePipe() : (-1, -1);
        try
        {
            requestRead = FileDescriptors.MoveAtOrAbove(requestRead, FirstFreeSourceFd);
            responseWrite = FileDescriptors.MoveAtOrAbove(responseWrite, FirstFreeSourceFd);
            progressFd = FileDescriptors.MoveAtOrAbove(progressFd, FirstFreeSourceFd);
            if (bulkFd >= 0)
            {
                bulkFd = FileDescriptors.MoveAtOrAbove(bulkFd, FirstFreeSourceFd);
            }

            if (options.PrefixOutput)
            {
                outputWrite = FileDescriptors.MoveAtOrAbove(outputWrite, FirstFreeSourceFd);
                errorWrite = FileDescriptors.MoveAtOrAbove(errorWrite, FirstFreeSourceFd);
            }

            // The runtime as entry assembly takes the settings as its argument; the application started again, whose
            // arguments are its own, finds them in the environment.
            string settings = WorkerEnvironment.Settings(options, bulkFd >= 0);
            IReadOnlyList<string> arguments = host.NeedsStartupHook ? host.Arguments : [.. host.Arguments, settings];
            int pid = SpawnWithDescriptors(
                host.ExecutablePath, arguments, BuildEnvironment(options, host.NeedsStartupHook ? settings : null),
                options.WorkingDirectory, requestRead, responseWrite, progressFd, bulkFd, outputWrite, errorWrite);
            return new SpawnedChild(pid, requestWrite, responseRead, outputRead, errorRead);
        }
        catch
        {
            FileDescriptors.Close(requestWrite);
            FileDescriptors.Close(responseRead);
            FileDescriptors.Close(outputRead);
            FileDescriptors.Close(errorRead);
            throw;
        }
        finally
        {
            // The child has its own copies now; the parent keeps only its two ends and its mappings.
            FileDescriptors.Close(requestRead);
            FileDescriptors.Close(responseWrite);
            FileDescriptors.Close(progressFd);
            FileDescriptors.Close(bulkFd);
            FileDescriptors.Close(outputWrite);
            FileDescriptors.Close(errorWrite);
        }
    }

    /// <param name="options">The child's own variables, added to (or removed from) the parent's.</param>
    /// <param name="applicationSettings">The worker settings of an application started again, which travel in the
    /// environment; null for the runtime as entry assembly.</param>
    private static List<string> BuildEnvironment(ChildProcessOptions options, string? applicationSettings)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        foreach (var (name, value) in options.EnvironmentVariables)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        if (applicationSettings is not null)
        {
            variables.TryGetValue(WorkerEnvironment.StartupHooksVariable, out string? hooks);
            foreach (var (name, value) in WorkerEnvironment.ForApplication(applicationSettings, StartupHookName, hooks))
            {
                variables[name] = value;
            }
        }

        var entries = new List<string>(variables.Count);
        foreach (var (name, value) in variables)
        {
            entries.Add(name + "=" + value);
        }

        return entries;
    }

    /// <summary>
    /// Descriptors the parent itself inherited without close-on-exec (a test runner's pipes, say) would otherwise
    /// stay open in every worker and keep their other ends from seeing EOF; like Python's close_fds, keep only 0-6.
    /// </summary>
    private static void CloseInheritedDescriptors(void* actions)
    {
        if (!s_closeFromAvailable)
        {
            return;
        }

        try
        {
            NativeErrors.ThrowIfError(
                Libc.posix_spawn_file_actions_addclosefrom_np(actions, Bulk.BulkSegment.InheritedFd + 1), "addclosefrom_np");
        }
        catch (EntryPointNotFoundException)
        {
            // Older glibc and musl: descriptors opened by .NET are close-on-exec anyway.
            s_closeFromAvailable = false;
        }
    }

    private static int SpawnWithDescriptors(
        string executablePath, IReadOnlyList<string> arguments, List<string> environment, string? workingDirectory,
        int requestRead, int responseWrite,
        int progressFd, int bulkFd, int outputWrite, int errorWrite)
    {
        using var strings = new NativeStrings();
        byte* path = strings.Add(executablePath);
        byte** argv = strings.AddArray(arguments);
        byte** envp = strings.AddArray(environment);
        byte* devNull = strings.Add("/dev/null");
        byte* directory = workingDirectory is null ? null : strings.Add(workingDirectory);

        void* actions = NativeMemory.AllocZeroed(Libc.SpawnStructBytes);
        void* attributes = NativeMemory.AllocZeroed(Libc.SpawnStructBytes);
        void* signalMask = NativeMemory.AllocZeroed(Libc.SigStructBytes);
        try
        {
            NativeErrors.ThrowIfError(Libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            NativeErrors.ThrowIfError(Libc.posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try
            {
                NativeErrors.ThrowIfError(
                    Libc.posix_spawn_file_actions_adddup2(actions, requestRead, WorkerEnvironment.RequestFd), "adddup2");
                NativeErrors.ThrowIfError(
                    Libc.posix_spawn_file_actions_adddup2(actions, responseWrite, WorkerEnvironment.ResponseFd), "adddup2");
                NativeErrors.ThrowIfError(
                    Libc.posix_spawn_file_actions_adddup2(actions, progressFd, ProgressSlot.InheritedFd), "adddup2");
                if (bulkFd >= 0)
                {
                    NativeErrors.ThrowIfError(
                        Libc.posix_spawn_file_actions_adddup2(actions, bulkFd, Bulk.BulkSegment.InheritedFd), "adddup2");
                }
                NativeErrors.ThrowIfError(
                    Libc.posix_spawn_file_actions_addopen(actions, 0, devNull, Libc.O_RDONLY, 0), "addopen");
                if (outputWrite >= 0)
                {
                    // Before the descriptors above 6 are closed: these sources are among them.
                    NativeErrors.ThrowIfError(Libc.posix_spawn_file_actions_adddup2(actions, outputWrite, 1), "adddup2");
                    NativeErrors.ThrowIfError(Libc.posix_spawn_file_actions_adddup2(actions, errorWrite, 2), "adddup2");
                }

                CloseInheritedDescriptors(actions);
                if (directory is not null)
                {
                    NativeErrors.ThrowIfError(Libc.posix_spawn_file_actions_addchdir_np(actions, directory), "addchdir_np");
                }

                // The runtime blocks some signals on its threads; the child must start with none blocked.
                Libc.sigemptyset(signalMask);
                NativeErrors.ThrowIfError(Libc.posix_spawnattr_setsigmask(attributes, signalMask), "setsigmask");
                NativeErrors.ThrowIfError(Libc.posix_spawnattr_setflags(attributes, Libc.POSIX_SPAWN_SETSIGMASK), "setflags");

                int pid;
                NativeErrors.ThrowIfError(Libc.posix_spawn(&pid, path, actions, attributes, argv, envp), "posix_spawn");
                return pid;
            }
            finally
            {
                Libc.posix_spawn_file_actions_destroy(actions);
                Libc.posix_spawnattr_destroy(attributes);
            }
        }
        finally
        {
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(signalMask);
        }
    }

    /// <summary>Null-terminated UTF-8 copies of strings, freed together.</summary>
    private sealed class NativeStrings : IDisposable
    {
        private readonly List<IntPtr> _allocations = [];

        public byte* Add(string value)
        {
            int length = Encoding.UTF8.GetByteCount(value);
            byte* bytes = (byte*)NativeMemory.Alloc((nuint)length + 1);
            _allocations.Add((IntPtr)bytes);
            Encoding.UTF8.GetBytes(value, new Span<byte>(bytes, length));
            bytes[length] = 0;
            return bytes;
        }

        public byte** AddArray(IReadOnlyList<string> values)
        {
            byte** array = (byte**)NativeMemory.Alloc((nuint)(values.Count + 1), (nuint)sizeof(byte*));
            _allocations.Add((IntPtr)array);
            for (int i = 0; i < values.Count; i++)
            {
                array[i] = Add(values[i]);
            }

            array[values.Count] = null;
            return array;
        }

        public void Dispose()
        {
            foreach (IntPtr allocation in _allocations)
            {
                NativeMemory.Free((void*)allocation);
            }
        }
    }
}
