using System.Text;

namespace Parallelize.Hosting;

/// <summary>
/// How to start "the same application" again: the host executable and the host's own arguments (for
/// <c>dotnet [exec --runtimeconfig … --depsfile …] app.dll</c>, everything up to the app path), without the
/// application's arguments. Under a test runner this is the test host with the test assembly's runtimeconfig and
/// deps.json, so a child can load the test assembly just as the parent did.
/// </summary>
internal sealed record HostCommandLine(string ExecutablePath, IReadOnlyList<string> Arguments)
{
    private static readonly Lazy<HostCommandLine> CurrentLazy = new(ReadCurrent);

    public static HostCommandLine Current => CurrentLazy.Value;

    private static HostCommandLine ReadCurrent()
    {
        string executable = Environment.ProcessPath
            ?? throw new PlatformNotSupportedException("The path of the current executable is unknown.");

        // The kernel's record of our argv holds the host's arguments that Environment.GetCommandLineArgs() drops.
        string[] native = File.ReadAllText("/proc/self/cmdline", Encoding.UTF8).Split('\0');
        if (native.Length > 0 && native[^1].Length == 0)
        {
            native = native[..^1];
        }

        int applicationArguments = Environment.GetCommandLineArgs().Length - 1;
        int prefixLength = native.Length - applicationArguments;
        if (prefixLength < 1)
        {
            return new HostCommandLine(executable, [executable]);
        }

        string[] prefix = native[..prefixLength];
        prefix[0] = executable;
        if (prefixLength > 1)
        {
            // The child may start after the parent changed its working directory: make the app path absolute.
            prefix[^1] = Path.GetFullPath(prefix[^1]);
        }

        return new HostCommandLine(executable, prefix);
    }
}
