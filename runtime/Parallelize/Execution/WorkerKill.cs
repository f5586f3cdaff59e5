namespace Parallelize.Execution;

/// <summary>Why the pool killed a worker, and the call that was running then, if that call is the reason.</summary>
internal sealed record WorkerKill(WorkerKillReason Reason, WorkSlice? Slice, int Index);
