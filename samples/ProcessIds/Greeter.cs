using System.Reflection;
using Parallelize;

namespace ProcessIds;

/// <summary>Python's <c>info</c> and <c>f</c>. The class is partial so the generator can add <c>Greeter.Calls.F</c>.</summary>
public static partial class Greeter
{
    /// <summary>Prints which process runs it, and which process started that one.</summary>
    public static void Info(string title)
    {
        Console.WriteLine(title);

        // Python prints __main__ in the parent and __mp_main__ in the child. The entry assembly plays that part here:
        // the app in the parent, the Parallelize runtime that hosts the call in the child.
        Console.WriteLine($"module name: {Assembly.GetEntryAssembly()?.GetName().Name}");
        Console.WriteLine($"parent process: {ProcessContext.ParentPid}");
        Console.WriteLine($"process id: {ProcessContext.Pid}");
    }

    /// <summary>Runs in the child process.</summary>
    [RunInProcess]
    public static void F(string name)
    {
        Info("function f");
        Console.WriteLine($"hello {name}");
    }
}
