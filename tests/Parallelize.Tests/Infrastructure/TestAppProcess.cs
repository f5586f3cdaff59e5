using System.Diagnostics;
using System.Reflection;

namespace Parallelize.Tests.Infrastructure;

/// <summary>Starts tests/Parallelize.TestApp as a separate parent process with redirected output.</summary>
internal static class TestAppProcess
{
    private static string AppPath => typeof(TestAppProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "TestAppPath").Value!;

    public static Process Start(string mode)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(AppPath));
        start.ArgumentList.Add(mode);
        return Process.Start(start) ?? throw new InvalidOperationException("The test app did not start.");
    }

    /// <summary>Runs the app to completion and returns its exit code, standard output and standard error.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string mode, TimeSpan timeout) =>
        CommandRunner.RunAsync("dotnet", [Path.GetFullPath(AppPath), mode], Environment.CurrentDirectory, timeout);
}
