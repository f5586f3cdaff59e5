namespace Parallelize.Worker;

/// <summary>Exit codes a worker uses for its own reasons; a method's own exit code passes through unchanged.</summary>
internal static class WorkerExitCodes
{
    public const int Success = 0;

    /// <summary>The parent's end of the request pipe closed: the parent died or abandoned the child.</summary>
    public const int ParentGone = 97;

    /// <summary>The parent sent bytes that break the protocol; the child said why in a fatal frame.</summary>
    public const int ProtocolViolation = 98;
}
