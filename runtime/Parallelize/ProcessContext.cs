using Parallelize.Hosting;
using Parallelize.Native;
using Parallelize.Worker;

namespace Parallelize;

/// <summary>
/// Facts about the current process (Python's <c>current_process()</c>, <c>active_children()</c>, <c>os.getpid()</c>,
/// <c>os.getppid()</c>).
/// </summary>
public static class ProcessContext
{
    /// <summary>The name of a process that Parallelize did not start, Python's name for it.</summary>
    private const string MainProcessName = "MainProcess";

    /// <summary>This process's id.</summary>
    public static int Pid => Environment.ProcessId;

    /// <summary>The parent process's id, as the operating system reports it now.</summary>
    public static int ParentPid => OperatingSystem.IsWindows() ? 0 : Libc.getppid();

    /// <summary>True in a child process started by Parallelize to run calls.</summary>
    public static bool IsChildProcess => WorkerHost.IsWorker;

    /// <summary>The number of processors available to this process.</summary>
    public static int CpuCount => Environment.ProcessorCount;

    /// <summary>
    /// This process's name (Python's <c>current_process().name</c>): in a <see cref="ChildProcess"/>, its
    /// <see cref="ChildProcess.Name"/>; in a pool worker, <c>PoolWorker-</c> and its <see cref="WorkerId"/>; in any
    /// process Parallelize did not start (the parent, or a process a child starts itself), <c>MainProcess</c>.
    /// </summary>
    public static string Name => WorkerHost.Settings?.Name ?? MainProcessName;

    /// <summary>
    /// In a pool worker, the id its <see cref="ProcessPool"/> gave it: 1 for the pool's first worker, counting up with
    /// every worker the pool starts, replacements included, so no two workers of one pool share an id (workers of
    /// different pools may). Null in a <see cref="ChildProcess"/> and in processes Parallelize did not start.
    /// </summary>
    public static int? WorkerId => WorkerHost.Settings?.WorkerId;

    /// <summary>
    /// The child processes this process started that still run, in the order they started (Python's
    /// <c>active_children()</c>): <see cref="ChildProcess"/> instances and the workers of its pools. A child leaves
    /// the list once it has exited; reading the list reaps children that have exited and not yet been reaped, as
    /// Python's does.
    /// </summary>
    public static IReadOnlyList<ActiveChild> ActiveChildren => ChildRegistry.Running();
}
