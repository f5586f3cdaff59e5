using Parallelize.Hosting;

namespace Parallelize.Worker;

/// <summary>Entry of worker mode: if this process was started as a worker, serve calls and exit.</summary>
internal static class WorkerHost
{
    /// <summary>True in a process started by Parallelize to run calls.</summary>
    public static bool IsWorker { get; private set; }

    public static void RunIfRequested()
    {
        WorkerSettings? settings = IsWorker ? null : WorkerEnvironment.TakeSettings();
        if (settings is null)
        {
            return;
        }

        IsWorker = true;
        new WorkerLoop(settings).Run();
    }
}
