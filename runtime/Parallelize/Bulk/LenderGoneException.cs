namespace Parallelize.Bulk;

/// <summary>
/// The inner exception of the <see cref="ProtocolException"/> a lent block's read fails with when the lender has exited:
/// a worker killed after it answered but before the parent read its lent result. The parent then fails that call as
/// the worker's crash (<see cref="WorkerCrashedException"/>, or a retry), not as a protocol error.
/// </summary>
internal sealed class LenderGoneException(int pid)
    : Exception($"Process {pid} exited before the block it lent was read.")
{
    /// <summary>Whether <paramref name="error"/> is a read that failed because the lender exited.</summary>
    public static bool Caused(Exception error) => error is ProtocolException { InnerException: LenderGoneException };
}
