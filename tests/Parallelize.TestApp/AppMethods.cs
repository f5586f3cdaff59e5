using Parallelize;

namespace Parallelize.TestApp;

/// <summary>Methods declared in the application itself.</summary>
public static partial class AppMethods
{
    [RunInProcess]
    public static string Describe(string caller)
    {
        Console.WriteLine($"console line from child {Environment.ProcessId}");
        Console.Error.WriteLine($"error line from child {Environment.ProcessId}");
        return $"{caller} ran in app code in process {Environment.ProcessId} (parent {ProcessContext.ParentPid})";
    }
}
