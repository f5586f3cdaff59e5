using Parallelize;

namespace NamedWorkers;

/// <summary>Python's <c>worker</c>.</summary>
public static partial class Worker
{
    /// <summary>Prints the name the parent gave this process (<c>ChildProcessOptions.Name</c>) and its pid.</summary>
    [RunInProcess]
    public static void Work() => Console.WriteLine($"{ProcessContext.Name} {ProcessContext.Pid}");
}
