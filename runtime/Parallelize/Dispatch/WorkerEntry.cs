using System.ComponentModel;
using System.Reflection;
using Parallelize.Worker;

namespace Parallelize.Dispatch;

/// <summary>Entry into worker mode from the module initializer that the generator emits into applications.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WorkerEntry
{
    /// <summary>
    /// Called before Main by the generated module initializer of an application: in a child started by Parallelize,
    /// serves calls and exits instead of returning. In the parent it records that the application can enter worker
    /// mode this way, so children skip the .NET startup hook (whose reflection costs 12-19 ms per start).
    /// </summary>
    /// <param name="assembly">The assembly whose module initializer calls this.</param>
    public static void RunIfWorker(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (assembly == Assembly.GetEntryAssembly())
        {
            WorkerHost.EntryAssemblyEntersWorkerMode = true;
            WorkerHost.RunIfRequested();
        }
    }
}
