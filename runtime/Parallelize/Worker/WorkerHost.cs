using Parallelize.Hosting;

namespace Parallelize.Worker;

/// <summary>Entry of worker mode: if this process was started as a worker, serve calls and exit.</summary>
internal static class WorkerHost
{
    /// <summary>Guards the one look at this process's worker settings.</summary>
    private static readonly object Gate = new();

    /// <summary>Set once the first caller has looked; guarded by <see cref="Gate"/>, read without it on the fast path.</summary>
    private static volatile bool s_decided;

    /// <summary>True in a process started by Parallelize to run calls.</summary>
    public static bool IsWorker => Settings is not null;

    /// <summary>What the parent told this worker (its name, its pool worker id, …); null when not a worker.</summary>
    public static WorkerSettings? Settings { get; private set; }

    /// <summary>
    /// In a process started as a worker, runs the worker loop and never returns; otherwise returns at once. Only the
    /// first caller looks at the settings the parent left, and only it can become the worker. The startup hook, the
    /// NativeAOT module initializer and every child start call this, the last possibly from several threads at once
    /// (a pool starting its workers in a child whose startup hook did not run); two loops on the same descriptors would
    /// interleave their frames. A caller that comes while the first is still looking waits for its answer; after that,
    /// callers return at once: in a worker they are the calls it runs, starting children of their own.
    /// </summary>
    public static void RunIfRequested()
    {
        if (s_decided)
        {
            return;
        }

        WorkerSettings? settings;
        lock (Gate)
        {
            if (s_decided)
            {
                return;
            }

            settings = WorkerEnvironment.TakeSettings();
            Settings = settings;
            s_decided = true;
        }

        // Outside the lock: a call the worker runs may start children of its own, which come back here and return.
        if (settings is not null)
        {
            new WorkerLoop(settings).Run();
        }
    }

    /// <summary>Runs the worker loop with settings the parent passed as the runtime's argument; never returns.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Run(WorkerSettings settings)
    {
        lock (Gate)
        {
            Settings = settings;
            s_decided = true;
        }

        new WorkerLoop(settings).Run();
    }
}
