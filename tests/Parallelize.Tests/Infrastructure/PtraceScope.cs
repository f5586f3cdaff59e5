namespace Parallelize.Tests.Infrastructure;

/// <summary>What the kernel's Yama module allows here, which decides whether a worker and its parent lend each other
/// large arrays.</summary>
internal static class PtraceScope
{
    /// <summary>False under Yama's ptrace_scope 1 or more, where only an ancestor may read a process's memory.</summary>
    public static bool ChildMayReadParent()
    {
        const string scope = "/proc/sys/kernel/yama/ptrace_scope";
        return !File.Exists(scope) || File.ReadAllText(scope).Trim() == "0";
    }
}
