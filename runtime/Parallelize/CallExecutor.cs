namespace Parallelize;

/// <summary>The executor behind the generated <c>{Type}.InProcess.{Method}(...)</c> shortcuts.</summary>
public static class CallExecutor
{
    /// <summary>
    /// The default executor: for now every call runs in a fresh child process (see <see cref="ChildProcessExecutor"/>).
    /// </summary>
    public static ICallExecutor Default { get; } = ChildProcessExecutor.Instance;
}
