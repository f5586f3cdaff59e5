using System.Runtime.InteropServices;
using System.Text;

namespace Parallelize.Hosting;

/// <summary>
/// The command that starts a worker. Preferred: <c>dotnet exec --runtimeconfig app.runtimeconfig.json --depsfile
/// app.deps.json Parallelize.dll</c>, the application's own runtime settings and dependencies with the Parallelize
/// runtime as the entry assembly, whose <c>Main</c> is the worker loop (under a test runner, the test host's
/// runtimeconfig and deps.json, so the child loads the test assembly just as the parent did). Where that cannot be
/// built (a self-contained or single-file app has no <c>dotnet</c> host), the same application again without its
/// arguments, entering worker mode from a startup hook, which costs ~15 ms more per start.
/// </summary>
/// <param name="ExecutablePath">The program to start.</param>
/// <param name="Arguments">Its argv, the program first.</param>
/// <param name="NeedsStartupHook">True when the entry assembly is the application, so only a startup hook can turn
/// the child into a worker before the application's <c>Main</c>.</param>
internal sealed record HostCommandLine(string ExecutablePath, IReadOnlyList<string> Arguments, bool NeedsStartupHook)
{
    private static readonly Lazy<HostCommandLine> ApplicationLazy = new(ReadApplication);
    private static readonly Lazy<HostCommandLine> CurrentLazy = new(
        () => WorkerEntryCommand(ApplicationLazy.Value.ExecutablePath, ApplicationLazy.Value.Arguments) ?? ApplicationLazy.Value);

    /// <summary>The command for a worker: the runtime as entry assembly where possible, else <see cref="Application"/>.</summary>
    public static HostCommandLine Current => CurrentLazy.Value;

    /// <summary>The application started again without its arguments; a startup hook makes it a worker.</summary>
    public static HostCommandLine Application => ApplicationLazy.Value;

    private static HostCommandLine ReadApplication()
    {
        string executable = Environment.ProcessPath
            ?? throw new PlatformNotSupportedException("The path of the current executable is unknown.");
        return new HostCommandLine(executable, HostPrefix(executable), true);
    }

    /// <summary>
    /// The host's own arguments: the kernel's record of argv minus the application's arguments, which
    /// <c>Environment.GetCommandLineArgs()</c> reports (it drops the host's).
    /// </summary>
    private static string[] HostPrefix(string executable)
    {
        string[] native = File.ReadAllText("/proc/self/cmdline", Encoding.UTF8).Split('\0');
        if (native.Length > 0 && native[^1].Length == 0)
        {
            native = native[..^1];
        }

        int prefixLength = native.Length - (Environment.GetCommandLineArgs().Length - 1);
        if (prefixLength < 1)
        {
            return [executable];
        }

        string[] prefix = native[..prefixLength];
        prefix[0] = executable;
        if (prefixLength > 1)
        {
            // The child may start after the parent changed its working directory: make the app path absolute.
            prefix[^1] = Path.GetFullPath(prefix[^1]);
        }

        return prefix;
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000",
        Justification = "An empty Location means single-file or NativeAOT; then null here starts the application itself.")]
    private static HostCommandLine? WorkerEntryCommand(string executable, IReadOnlyList<string> hostPrefix)
    {
        string entry = typeof(HostCommandLine).Assembly.Location;
        string? muxer = DotnetHost(executable);
        if (entry.Length == 0 || muxer is null)
        {
            return null;
        }

        // Already "dotnet exec [options] host.dll" (a test host): keep every option, swap the entry assembly.
        if (hostPrefix.Count >= 3 && IsDotnet(hostPrefix[0]) && hostPrefix[1] == "exec")
        {
            string[] arguments = [.. hostPrefix];
            arguments[^1] = entry;
            return new HostCommandLine(hostPrefix[0], arguments, false);
        }

        // "dotnet app.dll" or an apphost: the entry assembly's runtimeconfig and deps.json sit next to it.
        string? application = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name;
        if (application is null)
        {
            return null;
        }

        string runtimeConfig = Path.Combine(AppContext.BaseDirectory, application + ".runtimeconfig.json");
        string deps = Path.Combine(AppContext.BaseDirectory, application + ".deps.json");
        if (!File.Exists(runtimeConfig))
        {
            return null;
        }

        List<string> command = [muxer, "exec", "--runtimeconfig", runtimeConfig];
        if (File.Exists(deps))
        {
            command.AddRange(["--depsfile", deps]);
        }

        command.Add(entry);
        return new HostCommandLine(muxer, command, false);
    }

    /// <summary>The <c>dotnet</c> host that runs this process's shared runtime, or null for a self-contained app.</summary>
    private static string? DotnetHost(string executable)
    {
        if (IsDotnet(executable))
        {
            return executable;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ holds the runtime; <root>/dotnet is its host.
        string runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        DirectoryInfo? root = Directory.GetParent(Path.TrimEndingDirectorySeparator(runtimeDirectory))?.Parent?.Parent;
        string? candidate = root is null ? null : Path.Combine(root.FullName, "dotnet");
        return candidate is not null && File.Exists(candidate) ? candidate : null;
    }

    private static bool IsDotnet(string path) => Path.GetFileName(path) == "dotnet";
}
