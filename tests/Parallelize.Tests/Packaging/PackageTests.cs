using System.IO.Compression;
using Parallelize.Tests.Infrastructure;

namespace Parallelize.Tests.Packaging;

/// <summary>
/// The package as a user gets it: <c>dotnet pack</c> into a local feed, then a fresh console project outside this
/// repository that references only that package, built and run the ways an application is started.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);
    private readonly string _root = Directory.CreateTempSubdirectory("parallelize-package-").FullName;

    [Fact]
    public async Task A_fresh_console_app_that_references_only_the_package_runs_marked_methods_in_children()
    {
        string feed = Path.Combine(_root, "feed");
        string app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);

        // An isolated package cache: the test never reads or pollutes the machine's copy of Parallelize.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };
        string project = Path.Combine(RepositoryRoot(), "runtime", "Parallelize", "Parallelize.csproj");
        await Succeeds("dotnet", ["pack", project, "-c", "Release", "-o", feed, "-nologo", "-v", "q"], RepositoryRoot(), environment);

        string package = Assert.Single(Directory.GetFiles(feed, "*.nupkg")); // the .snupkg beside it does not match
        using (ZipArchive archive = ZipFile.OpenRead(package))
        {
            string[] entries = [.. archive.Entries.Select(e => e.FullName)];
            Assert.Contains("lib/net8.0/Parallelize.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Parallelize.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Parallelize.CodeFixes.dll", entries);
            Assert.Contains("README.md", entries);
            Assert.Contains("icon.png", entries);

            // ILogger parameters: the package brings the logging abstractions, at the lowest version a net8.0 app has.
            using var nuspec = new StreamReader(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            Assert.Matches("<dependency id=\"Microsoft.Extensions.Logging.Abstractions\" version=\"8.0.0\"", nuspec.ReadToEnd());
        }

        string version = Path.GetFileNameWithoutExtension(package)["Parallelize.".Length..];
        WriteApp(app, feed, version);
        await Succeeds("dotnet", ["build", "-c", "Release", "-nologo", "-v", "q"], app, environment);

        string dll = Path.Combine(app, "bin", "Release", "net10.0", "App.dll");
        string apphost = Path.Combine(app, "bin", "Release", "net10.0", "App");
        foreach (var (how, fileName, arguments) in new (string, string, string[])[]
        {
            ("dotnet run", "dotnet", ["run", "-c", "Release", "--no-build"]),
            ("dotnet App.dll", "dotnet", [dll]),
            ("apphost", apphost, []),
        })
        {
            AssertRan(how, await Succeeds(fileName, arguments, app, environment));
        }

        // Self-contained, single-file and trimmed at once: the worker is the published executable started again, its
        // startup hook kept by the package's trimmer descriptor and turned on by its build props.
        string published = Path.Combine(_root, "published");
        string publishLog = await Succeeds("dotnet",
            ["publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "true", "-p:PublishSingleFile=true",
             "-p:PublishTrimmed=true", "-o", published, "-nologo"], app, environment);
        Assert.DoesNotContain(publishLog.Split('\n'), line => line.Contains("warning IL", StringComparison.Ordinal)
            && line.Contains("Parallelize", StringComparison.Ordinal) && !line.Contains("StartupHookProvider", StringComparison.Ordinal));
        AssertRan("published", await Succeeds(Path.Combine(published, "App"), [], app, environment));

        // ReadyToRun, framework-dependent: precompiled code, started through the apphost.
        string readyToRun = Path.Combine(_root, "ready-to-run");
        await Succeeds("dotnet",
            ["publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", readyToRun,
             "-nologo", "-v", "q"], app, environment);
        AssertRan("ReadyToRun", await Succeeds(Path.Combine(readyToRun, "App"), [], app, environment));

        // NativeAOT, for net8.0 (this machine's feed has the ILCompiler packages for net8.0 and net9.0, not net10.0): no
        // startup hooks there, so the application's generated module initializer makes the worker before Main.
        string nativeApp = Path.Combine(_root, "native-app");
        Directory.CreateDirectory(nativeApp);
        foreach (string file in new[] { "nuget.config", "Program.cs" })
        {
            File.Copy(Path.Combine(app, file), Path.Combine(nativeApp, file));
        }

        File.WriteAllText(Path.Combine(nativeApp, "App.csproj"), File.ReadAllText(Path.Combine(app, "App.csproj"))
            .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFramework>net8.0</TargetFramework><PublishAot>true</PublishAot>" +
                (File.Exists("/usr/bin/clang") ? "" : "<CppCompilerAndLinker>gcc</CppCompilerAndLinker>"), StringComparison.Ordinal));
        string native = Path.Combine(_root, "native");
        string nativeLog = await Succeeds("dotnet", ["publish", "-c", "Release", "-r", "linux-x64", "-o", native, "-nologo"], nativeApp, environment);
        Assert.DoesNotContain(nativeLog.Split('\n'), line => line.Contains("warning IL", StringComparison.Ordinal));
        string nativeOutput = await Succeeds(Path.Combine(native, "App"), [], nativeApp, environment);
        AssertRan("NativeAOT", nativeOutput);

        // With startup hooks off, a child reaches Main; at the first child it would start, it becomes the worker
        // instead (no chain of processes), and the answers are the same.
        string runtimeConfig = Path.Combine(app, "bin", "Release", "net10.0", "App.runtimeconfig.json");
        File.WriteAllText(runtimeConfig, File.ReadAllText(runtimeConfig)
            .Replace("\"System.StartupHookProvider.IsSupported\": true", "\"System.StartupHookProvider.IsSupported\": false", StringComparison.Ordinal));
        Assert.Contains("\"System.StartupHookProvider.IsSupported\": false", File.ReadAllText(runtimeConfig));
        AssertRan("hooks off", await Succeeds("dotnet", [dll], app, environment), childrenRunMain: true);

        // The analyzer ships too: a method that breaks a rule fails the user's build with its diagnostic.
        var (exitCode, brokenOutput, brokenError) = await CommandRunner.RunAsync(
            "dotnet", ["build", "-c", "Release", "-nologo", "-v", "q", "-p:DefineConstants=BROKEN", "-o", Path.Combine(_root, "broken")],
            app, BuildLimit, environment);
        string broken = brokenOutput + brokenError;
        Assert.True(exitCode != 0 && broken.Contains("PAR0001", StringComparison.Ordinal), broken);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The app's answers are right, and (unless <paramref name="childrenRunMain"/>) Main ran once: in the parent,
    /// never in a worker.</summary>
    private static void AssertRan(string how, string output, bool childrenRunMain = false)
    {
        int mains = output.Split('\n').Count(line => line.Trim() == "main started");
        Assert.True(childrenRunMain ? mains >= 1 : mains == 1, $"{how}: Main ran {mains} times:\n{output}");
        Assert.True(output.Contains("square 49 from a child: True", StringComparison.Ordinal), $"{how}:\n{output}");
        Assert.True(output.Contains("pooled 64, drained 2", StringComparison.Ordinal), $"{how}:\n{output}");
    }

    private static void WriteApp(string app, string feed, string version)
    {
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Parallelize" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Parallelize;

            public static partial class Work
            {
                [RunInProcess]
                public static int Square(int x) => x * x;

                [RunInProcess]
                public static int Drain(ProcessQueue<string> queue)
                {
                    int taken = 0;
                    while (queue.TryGet(out _))
                    {
                        taken++;
                    }

                    return taken;
                }
            }

            #if BROKEN
            public partial class Broken
            {
                [RunInProcess]
                public int NotStatic() => 1;
            }
            #endif

            public static class Program
            {
                public static async Task Main()
                {
                    Console.WriteLine("main started");
                    await using (ChildProcess<int> child = ChildProcess.Start(Work.Calls.Square(7)))
                    {
                        int square = await child.JoinAsync(TimeSpan.FromSeconds(60));
                        Console.WriteLine($"square {square} from a child: {child.Pid != Environment.ProcessId}");
                    }

                    int pooled = await Work.InProcess.Square(8);
                    using var queue = new ProcessQueue<string>();
                    queue.Put("a");
                    queue.Put("b");
                    await using ChildProcess<int> drain = ChildProcess.Start(Work.Calls.Drain(queue));
                    Console.WriteLine($"pooled {pooled}, drained {await drain.JoinAsync(TimeSpan.FromSeconds(60))}");
                }
            }
            """);
    }

    private static async Task<string> Succeeds(string fileName, string[] arguments, string directory, IReadOnlyDictionary<string, string> environment)
    {
        var (exitCode, standardOutput, standardError) = await CommandRunner.RunAsync(fileName, arguments, directory, BuildLimit, environment);
        string output = standardOutput + standardError;
        Assert.True(exitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Parallelize.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The test runs outside the repository: no Parallelize.sln above " + AppContext.BaseDirectory);
    }
}
