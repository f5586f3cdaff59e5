using Parallelize.Hosting;

namespace Parallelize.Worker;

/// <summary>Entry of worker mode: if this process was started as a worker, serve calls and exit.</summary>
internal static class WorkerHost
{
    /// <summary>True in a process started by Parallelize to run calls.</summary>
    public static bool IsWorker => Settings is not null;

    /// <summary>What the parent told this worker (its name, its pool worker id, …); null when not a worker.</summary>
    public static WorkerSettings? Settings { get; private set; }

    public static void RunIfRequested()
    {
        WorkerSettings? settings = IsWorker ? null : WorkerEnvironment.TakeSettings();
        if (settings is null)
        {
            return;
        }

        Settings = settings;
        new WorkerLoop(settings).Run();
    }
}
