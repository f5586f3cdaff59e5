namespace Parallelize;

/// <summary>
/// The child process running a call died before it answered: killed by a signal (SIGKILL, a native crash),
/// <see cref="Environment.FailFast(string)"/>, a stack overflow, or an exit from inside the method.
/// </summary>
public sealed class WorkerCrashedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkerCrashedException(string message, int pid, int? exitCode, int? signal)
        : base(message)
    {
        Pid = pid;
        ExitCode = exitCode;
        Signal = signal;
    }

    /// <summary>The id of the process that died.</summary>
    public int Pid { get; }

    /// <summary>The exit code, if the process exited rather than being killed by a signal.</summary>
    public int? ExitCode { get; }

    /// <summary>The signal that killed the process (9 for SIGKILL, 6 for an abort), if any.</summary>
    public int? Signal { get; }
}
