using Parallelize.Native;
using Parallelize.Worker;

namespace Parallelize;

/// <summary>Facts about the current process (Python's <c>current_process()</c>, <c>os.getpid()</c>, <c>os.getppid()</c>).</summary>
public static class ProcessContext
{
    /// <summary>This process's id.</summary>
    public static int Pid => Environment.ProcessId;

    /// <summary>The parent process's id, as the operating system reports it now.</summary>
    public static int ParentPid => OperatingSystem.IsWindows() ? 0 : Libc.getppid();

    /// <summary>True in a child process started by Parallelize to run calls.</summary>
    public static bool IsChildProcess => WorkerHost.IsWorker;

    /// <summary>The number of processors available to this process.</summary>
    public static int CpuCount => Environment.ProcessorCount;
}
