namespace Parallelize.Tests.Packaging;

/// <summary>
/// A user's solution where the marked methods live in a library: <c>Geometry</c> references only the package; the
/// console apps <c>AppA</c> (net8.0, published with NativeAOT) and <c>AppB</c> (net10.0) and the xunit project
/// <c>Geometry.Tests</c> reference Geometry, and get the package only through it.
/// </summary>
internal static class GeometrySolution
{
    /// <summary>The file that builds every project with one restore: <c>dotnet build Geometry.slnx</c>.</summary>
    public const string SolutionFile = "Geometry.slnx";

    /// <summary>The xunit packages of this repository's own tests, so the package source has them.</summary>
    private const string TestPackages = """
        <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
        <PackageReference Include="xunit" Version="2.9.3" />
        <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
        """;

    /// <summary>Writes the four projects and the solution into <paramref name="workspace"/>, a workspace of the feed.</summary>
    public static void Write(string workspace, string version)
    {
        // Warnings as errors and the AOT analyzers on: the code generated into the library must be clean for both.
        WriteProject(workspace, "Geometry", $"""
            <TargetFramework>net8.0</TargetFramework>
            <IsAotCompatible>true</IsAotCompatible>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            """, $"""<PackageReference Include="Parallelize" Version="{version}" />""");
        File.WriteAllText(Path.Combine(workspace, "Geometry", "Shapes.cs"), """
            using Parallelize;

            namespace Geometry;

            public sealed record Rectangle(double Width, double Height);

            public static partial class Shapes
            {
                [RunInProcess]
                public static double Area(Rectangle rectangle) => rectangle.Width * rectangle.Height;

                [RunInProcess]
                public static double Perimeter(Rectangle rectangle) => 2 * (rectangle.Width + rectangle.Height);

                [RunInProcess]
                public static int ProcessId() => Environment.ProcessId;
            }
            """);

        // No marked method of their own: under NativeAOT only the generator's worker entry makes AppA's children workers.
        const string program = """
            using Geometry;
            using Parallelize;

            Console.WriteLine("main started");
            await using (ChildProcess<double> child = ChildProcess.Start(Shapes.Calls.Area(new Rectangle(3, 4))))
            {
                double area = await child.JoinAsync(TimeSpan.FromSeconds(60));
                Console.WriteLine($"area {area} from a child: {child.Pid != Environment.ProcessId}");
            }

            double perimeter = await Shapes.InProcess.Perimeter(new Rectangle(3, 4));
            int pid = await Shapes.InProcess.ProcessId();
            Console.WriteLine($"pooled perimeter {perimeter} from a child: {pid != Environment.ProcessId}");
            """;
        const string referencesGeometry = """<ProjectReference Include="../Geometry/Geometry.csproj" />""";
        WriteProject(workspace, "AppA", $"""
            <OutputType>Exe</OutputType>
            <TargetFramework>{NativeAot.TargetFramework}</TargetFramework>
            {NativeAot.ProjectProperties}
            """, referencesGeometry);
        File.WriteAllText(Path.Combine(workspace, "AppA", "Program.cs"), program);
        WriteProject(workspace, "AppB", """
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            """, referencesGeometry);
        File.WriteAllText(Path.Combine(workspace, "AppB", "Program.cs"), program);

        WriteProject(workspace, "Geometry.Tests", """
            <TargetFramework>net10.0</TargetFramework>
            <IsPackable>false</IsPackable>
            """, TestPackages + "\n" + referencesGeometry);
        File.WriteAllText(Path.Combine(workspace, "Geometry.Tests", "ShapesTests.cs"), """
            using Parallelize;
            using Xunit;

            namespace Geometry.Tests;

            public class ShapesTests
            {
                [Fact]
                public async Task Area_runs_in_a_dedicated_child()
                {
                    await using ChildProcess<double> child = ChildProcess.Start(Shapes.Calls.Area(new Rectangle(2, 5)));
                    Assert.Equal(10, await child.JoinAsync(TimeSpan.FromSeconds(60)));
                    Assert.NotEqual(Environment.ProcessId, child.Pid);
                }

                [Fact]
                public async Task Perimeter_runs_on_the_default_pool()
                {
                    Assert.Equal(14, await Shapes.InProcess.Perimeter(new Rectangle(2, 5)));
                    Assert.NotEqual(Environment.ProcessId, await Shapes.InProcess.ProcessId());
                }
            }
            """);

        File.WriteAllText(Path.Combine(workspace, SolutionFile), """
            <Solution>
              <Project Path="Geometry/Geometry.csproj" />
              <Project Path="AppA/AppA.csproj" />
              <Project Path="AppB/AppB.csproj" />
              <Project Path="Geometry.Tests/Geometry.Tests.csproj" />
            </Solution>
            """);
    }

    /// <summary>An app's answers came from children, and Main ran once: in the app, never in a worker.</summary>
    public static void AssertAppRan(string how, string output)
    {
        int mains = output.Split('\n').Count(line => line.Trim() == "main started");
        Assert.True(mains == 1, $"{how}: Main ran {mains} times:\n{output}");
        Assert.True(output.Contains("area 12 from a child: True", StringComparison.Ordinal), $"{how}:\n{output}");
        Assert.True(output.Contains("pooled perimeter 14 from a child: True", StringComparison.Ordinal), $"{how}:\n{output}");
    }

    private static void WriteProject(string workspace, string name, string properties, string items)
    {
        string directory = Path.Combine(workspace, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
            {Indent(properties, 4)}
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
            {Indent(items, 4)}
              </ItemGroup>
            </Project>
            """);
    }

    private static string Indent(string lines, int spaces) =>
        string.Join('\n', lines.Split('\n').Select(line => new string(' ', spaces) + line));
}
