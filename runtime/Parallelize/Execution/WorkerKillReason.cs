namespace Parallelize.Execution;

internal enum WorkerKillReason
{
    /// <summary>The running call passed <see cref="ProcessPoolOptions.CallTimeout"/>.</summary>
    Timeout,

    /// <summary>The running call's caller cancelled it.</summary>
    Cancelled,

    /// <summary>The pool was terminated.</summary>
    Terminated,
}
