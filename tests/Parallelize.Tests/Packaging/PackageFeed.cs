using Parallelize.Tests.Infrastructure;

namespace Parallelize.Tests.Packaging;

/// <summary>
/// The Parallelize package as a user gets it: <c>dotnet pack</c> once into a local folder feed, shared by the
/// packaging tests, with a package cache of its own, so the tests never read or pollute the machine's copy of
/// Parallelize. Projects the tests write live in workspaces under the same temporary folder, deleted at the end.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    /// <summary>How long one pack, build, publish or run may take before it is killed.</summary>
    public static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(5);

    private readonly string _root = Directory.CreateTempSubdirectory("parallelize-package-").FullName;

    /// <summary>The folder the package was packed into.</summary>
    public string FeedDirectory => Path.Combine(_root, "feed");

    /// <summary>The .nupkg file (its .snupkg lies beside it).</summary>
    public string PackagePath { get; private set; } = "";

    /// <summary>The package's version, as a PackageReference names it.</summary>
    public string Version { get; private set; } = "";

    /// <summary>
    /// The variables every command runs with: the isolated package cache. Restoring into it fetches the framework
    /// packages a publish needs from the package source too, the way a fresh machine would.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public PackageFeed() => Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };

    public async Task InitializeAsync()
    {
        try
        {
            string project = Path.Combine(RepositoryRoot(), "runtime", "Parallelize", "Parallelize.csproj");
            await SucceedsAsync("dotnet", ["pack", project, "-c", "Release", "-o", FeedDirectory, "-nologo", "-v", "q"], RepositoryRoot());
            PackagePath = Assert.Single(Directory.GetFiles(FeedDirectory, "*.nupkg")); // the .snupkg does not match
            Version = Path.GetFileNameWithoutExtension(PackagePath)["Parallelize.".Length..];
        }
        catch
        {
            // The tests fail with this error; the folder must go all the same.
            await DisposeAsync();
            throw;
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A new empty folder for one test's projects, outside this repository (so none of its Directory.Build files
    /// apply), with a nuget.config whose first source is this feed.
    /// </summary>
    public string CreateWorkspace(string name)
    {
        string workspace = Path.Combine(_root, name);
        Directory.CreateDirectory(workspace);
        File.WriteAllText(Path.Combine(workspace, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        return workspace;
    }

    /// <summary>Runs a command with <see cref="Environment"/> plus <paramref name="extraEnvironment"/>.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunAsync(
        string fileName, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var environment = new Dictionary<string, string>(Environment);
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return CommandRunner.RunAsync(fileName, arguments, directory, CommandLimit, environment);
    }

    /// <summary>Runs a command that must succeed; returns its standard output and error together.</summary>
    public async Task<string> SucceedsAsync(
        string fileName, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var (exitCode, standardOutput, standardError) = await RunAsync(fileName, arguments, directory, extraEnvironment);
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
