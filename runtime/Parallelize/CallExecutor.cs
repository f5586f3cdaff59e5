namespace Parallelize;

/// <summary>The executor behind the generated <c>{Type}.InProcess.{Method}(...)</c> shortcuts.</summary>
public static class CallExecutor
{
    /// <summary>
    /// The default executor: <see cref="ProcessPool.Shared"/>, warm workers created on first use and stopped when the
    /// process exits. Use <see cref="ChildProcessExecutor"/> for a fresh process per call.
    /// </summary>
    public static ICallExecutor Default => ProcessPool.Shared;
}
