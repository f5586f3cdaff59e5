namespace Parallelize;

/// <summary>
/// A child process that this process started and that still runs: one item of
/// <see cref="ProcessContext.ActiveChildren"/> (Python's <c>active_children()</c>).
/// </summary>
/// <param name="Pid">The child's process id.</param>
/// <param name="Name">The child's name: <see cref="ChildProcessOptions.Name"/>, <c>ChildProcess-N</c> by default, or
/// <c>PoolWorker-N</c> for a pool worker.</param>
/// <param name="IsPoolWorker">True for a worker of a <see cref="ProcessPool"/>, false for a <see cref="ChildProcess"/>.</param>
/// <param name="WorkerId">The id its pool gave a pool worker (<see cref="ProcessContext.WorkerId"/> in the worker); null
/// for a <see cref="ChildProcess"/>.</param>
public sealed record ActiveChild(int Pid, string Name, bool IsPoolWorker, int? WorkerId);
