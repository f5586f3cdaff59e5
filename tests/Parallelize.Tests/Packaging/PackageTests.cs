using System.IO.Compression;
using System.Text.RegularExpressions;
using Parallelize.Tests.Infrastructure;

namespace Parallelize.Tests.Packaging;

/// <summary>
/// The package as a user gets it (<see cref="PackageFeed"/>: packed once into a local feed), used by fresh projects
/// outside this repository that reference only that package, built, published and run the ways an application is
/// started.
/// </summary>
/// <remarks>Alone: builds and publishes take both cores, and timing-sensitive tests would suffer beside them.</remarks>
[Collection(nameof(RunsAlone))]
public sealed class PackageTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    [Fact]
    public void The_package_holds_the_runtime_the_analyzers_and_the_build_targets()
    {
        using ZipArchive archive = ZipFile.OpenRead(feed.PackagePath);
        string[] entries = [.. archive.Entries.Select(e => e.FullName)];
        Assert.Contains("lib/net8.0/Parallelize.dll", entries);
        Assert.Contains("lib/net10.0/Parallelize.dll", entries);

        // The same runtime precompiled for linux-x64 on .NET 10, which an app run by the dotnet host loads instead.
        ZipArchiveEntry precompiled = archive.GetEntry("runtimes/linux-x64/lib/net10.0/Parallelize.dll")
            ?? throw new Xunit.Sdk.XunitException("The package has no ReadyToRun runtime for linux-x64.");
        using (var image = new MemoryStream())
        {
            using (Stream entry = precompiled.Open())
            {
                entry.CopyTo(image);
            }

            image.Position = 0;
            using var pe = new System.Reflection.PortableExecutable.PEReader(image);
            Assert.True(pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0, "runtimes/linux-x64/lib/net10.0/Parallelize.dll is not ReadyToRun.");
        }

        Assert.Contains("analyzers/dotnet/cs/Parallelize.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Parallelize.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("icon.png", entries);

        // build/ for the project that references the package, buildTransitive/ for one that gets it through a library.
        foreach (string folder in new[] { "build", "buildTransitive" })
        {
            Assert.Contains($"{folder}/Parallelize.targets", entries);
            Assert.Contains($"{folder}/Parallelize.ILLink.Suppressions.xml", entries);
        }

        Assert.DoesNotContain(entries, entry => entry.EndsWith(".props", StringComparison.Ordinal));

        // ILogger parameters: the package brings the logging abstractions, at the lowest version a net8.0 app has.
        using var nuspec = new StreamReader(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.Matches("<dependency id=\"Microsoft.Extensions.Logging.Abstractions\" version=\"8.0.0\"", nuspec.ReadToEnd());
    }

    [Fact]
    public async Task A_fresh_console_app_that_references_only_the_package_runs_marked_methods_in_children()
    {
        // Outputs go beside the project folders, not into them, where later builds would glob them.
        string workspace = feed.CreateWorkspace("console");
        string app = Path.Combine(workspace, "App");
        ConsoleApp.Write(app, feed.Version);
        await feed.SucceedsAsync("dotnet", ["build", "-c", "Release", "-nologo", "-v", "q"], app);

        string dll = Path.Combine(app, "bin", "Release", "net10.0", "App.dll");
        string apphost = Path.Combine(app, "bin", "Release", "net10.0", "App");
        foreach (var (how, fileName, arguments) in new (string, string, string[])[]
        {
            ("dotnet run", "dotnet", ["run", "-c", "Release", "--no-build"]),
            ("dotnet App.dll", "dotnet", [dll]),
            ("apphost", apphost, []),
        })
        {
            string output = await feed.SucceedsAsync(fileName, arguments, app);
            ConsoleApp.AssertRan(how, output);
            Assert.True(output.Contains("/runtimes/linux-x64/lib/net10.0/Parallelize.dll\n", StringComparison.Ordinal),
                $"{how} did not load the precompiled runtime:\n{output}");
        }

        // Self-contained, single-file and trimmed at once: the worker is the published executable started again, its
        // startup hook kept by the package's trimmer descriptor and turned on by its build targets, which also vouch
        // for the framework's startup hook code: no trim warning at all.
        string published = Path.Combine(workspace, "published");
        string publishLog = await feed.SucceedsAsync("dotnet",
            ["publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "true", "-p:PublishSingleFile=true",
             "-p:PublishTrimmed=true", "-o", published, "-nologo"], app);
        PublishLog.AssertNoTrimWarnings("trimmed publish", publishLog);
        ConsoleApp.AssertRan("published", await feed.SucceedsAsync(Path.Combine(published, "App"), [], app));

        // ReadyToRun, framework-dependent: precompiled code, started through the apphost.
        string readyToRun = Path.Combine(workspace, "ready-to-run");
        await feed.SucceedsAsync("dotnet",
            ["publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", readyToRun,
             "-nologo", "-v", "q"], app);
        ConsoleApp.AssertRan("ReadyToRun", await feed.SucceedsAsync(Path.Combine(readyToRun, "App"), [], app));

        // NativeAOT: no startup hooks there, so the application's generated module initializer makes the worker
        // before Main.
        string nativeApp = Path.Combine(workspace, "NativeApp");
        ConsoleApp.Write(nativeApp, feed.Version, NativeAot.TargetFramework, NativeAot.ProjectProperties);
        string native = Path.Combine(workspace, "native");
        string nativeLog = await feed.SucceedsAsync("dotnet", ["publish", "-c", "Release", "-r", "linux-x64", "-o", native, "-nologo"], nativeApp);
        PublishLog.AssertNoTrimWarnings("NativeAOT publish", nativeLog);
        ConsoleApp.AssertRan("NativeAOT", await feed.SucceedsAsync(Path.Combine(native, "App"), [], nativeApp));

        // With startup hooks off, a child reaches Main; at the first child it would start, it becomes the worker
        // instead (no chain of processes), and the answers are the same.
        string runtimeConfig = Path.Combine(app, "bin", "Release", "net10.0", "App.runtimeconfig.json");
        File.WriteAllText(runtimeConfig, File.ReadAllText(runtimeConfig)
            .Replace("\"System.StartupHookProvider.IsSupported\": true", "\"System.StartupHookProvider.IsSupported\": false", StringComparison.Ordinal));
        Assert.Contains("\"System.StartupHookProvider.IsSupported\": false", File.ReadAllText(runtimeConfig));
        ConsoleApp.AssertRan("hooks off", await feed.SucceedsAsync("dotnet", [dll], app), childrenRunMain: true);

        // The analyzer ships too: a method that breaks a rule fails the user's build with its diagnostic.
        var (exitCode, brokenOutput, brokenError) = await feed.RunAsync(
            "dotnet", ["build", "-c", "Release", "-nologo", "-v", "q", "-p:DefineConstants=BROKEN", "-o", Path.Combine(workspace, "broken")], app);
        string broken = brokenOutput + brokenError;
        Assert.True(exitCode != 0 && broken.Contains("PAR0001", StringComparison.Ordinal), broken);
    }

    [Fact]
    public async Task A_library_that_references_the_package_serves_two_apps_and_an_xunit_test_project()
    {
        string workspace = feed.CreateWorkspace("geometry");
        GeometrySolution.Write(workspace, feed.Version);
        await feed.SucceedsAsync("dotnet", ["build", GeometrySolution.SolutionFile, "-c", "Release", "-nologo", "-v", "q"], workspace);

        // AppA targets net8.0 for NativeAOT; under the JIT it runs, children included, on the newest runtime installed.
        var rollForward = new Dictionary<string, string> { ["DOTNET_ROLL_FORWARD"] = "Major" };
        string appA = Path.Combine(workspace, "AppA", "bin", "Release", NativeAot.TargetFramework, "AppA.dll");
        GeometrySolution.AssertAppRan("AppA", await feed.SucceedsAsync("dotnet", [appA], workspace, rollForward));
        string appB = Path.Combine(workspace, "AppB", "bin", "Release", "net10.0");
        GeometrySolution.AssertAppRan("AppB", await feed.SucceedsAsync(Path.Combine(appB, "AppB"), [], workspace));

        // AppB gets the package only through Geometry, and its buildTransitive targets still turned startup hooks on
        // (an app that does not trim has no such line unless something sets it).
        Assert.Contains("\"System.StartupHookProvider.IsSupported\": true", File.ReadAllText(Path.Combine(appB, "AppB.runtimeconfig.json")));

        // The test host is the process here, not an app of the user's: the children load Geometry from its folder.
        string testLog = await feed.SucceedsAsync("dotnet", ["test", "Geometry.Tests", "-c", "Release", "--no-build", "-nologo"], workspace);
        Assert.Matches(new Regex(@"Passed:\s+2\b"), testLog);

        // NativeAOT, the case that needs the generator's worker entry in an app without marked methods of its own:
        // without it, every child would run Main before becoming a worker.
        string native = Path.Combine(workspace, "AppA-native");
        string nativeLog = await feed.SucceedsAsync("dotnet", ["publish", "AppA", "-c", "Release", "-r", "linux-x64", "-o", native, "-nologo"], workspace);
        PublishLog.AssertNoTrimWarnings("AppA NativeAOT publish", nativeLog);
        GeometrySolution.AssertAppRan("AppA NativeAOT", await feed.SucceedsAsync(Path.Combine(native, "AppA"), [], workspace));
    }
}
