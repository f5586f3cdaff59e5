using System.Runtime.CompilerServices;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>
/// Where the test project and the repository live on disk. The compiler records this file's path; if a path map
/// hid it (deterministic CI builds), the folders are found by walking up from the test binaries instead.
/// </summary>
internal static class RepoPaths
{
    public const string ProjectFileName = "Parallelize.Generator.Tests.csproj";
    public const string SolutionFileName = "Parallelize.sln";

    /// <summary>The folder holding this test project's .csproj.</summary>
    public static string ProjectDirectory { get; } = FindUp(ProjectFileName);

    /// <summary>The folder holding Parallelize.sln.</summary>
    public static string RepoRoot { get; } = FindUp(SolutionFileName);

    /// <summary>The folder of the verified snapshot files.</summary>
    public static string SnapshotDirectory => Path.Combine(ProjectDirectory, "Snapshots");

    private static string FindUp(string fileName, [CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(thisFile), AppContext.BaseDirectory })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, fileName)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No folder above '{thisFile}' or '{AppContext.BaseDirectory}' holds {fileName}.");
    }
}
