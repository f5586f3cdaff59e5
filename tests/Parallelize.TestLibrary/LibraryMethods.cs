using Parallelize;

namespace Parallelize.TestLibrary;

/// <summary>Methods declared in a referenced class library rather than in the application.</summary>
public static partial class LibraryMethods
{
    [RunInProcess]
    public static string Describe(string caller) =>
        $"{caller} ran in library code in process {Environment.ProcessId} (parent {ProcessContext.ParentPid})";

    [RunInProcess]
    public static int Sleep(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }
}
