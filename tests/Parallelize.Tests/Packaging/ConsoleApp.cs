namespace Parallelize.Tests.Packaging;

/// <summary>
/// The fresh console project of the package test: its marked methods in its own Program.cs, the package its only
/// reference, and the lines its output must show.
/// </summary>
internal static class ConsoleApp
{
    /// <summary>Writes App.csproj and Program.cs into <paramref name="directory"/>, in a workspace of the feed.</summary>
    /// <param name="directory">The project folder, created if it does not exist.</param>
    /// <param name="version">The Parallelize package version to reference.</param>
    /// <param name="targetFramework">The project's target framework.</param>
    /// <param name="properties">More project properties, as XML elements.</param>
    public static void Write(string directory, string version, string targetFramework = "net10.0", string properties = "")
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Parallelize" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
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
                    Console.WriteLine($"runtime {RuntimeLocation()}");
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

                // Which Parallelize.dll the host loaded: empty in a single-file or NativeAOT app.
                [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Only printed.")]
                private static string RuntimeLocation() => typeof(ChildProcess).Assembly.Location;
            }
            """);
    }

    /// <summary>The app's answers are right, and (unless <paramref name="childrenRunMain"/>) Main ran once: in the
    /// parent, never in a worker.</summary>
    public static void AssertRan(string how, string output, bool childrenRunMain = false)
    {
        int mains = output.Split('\n').Count(line => line.Trim() == "main started");
        Assert.True(childrenRunMain ? mains >= 1 : mains == 1, $"{how}: Main ran {mains} times:\n{output}");
        Assert.True(output.Contains("square 49 from a child: True", StringComparison.Ordinal), $"{how}:\n{output}");
        Assert.True(output.Contains("pooled 64, drained 2", StringComparison.Ordinal), $"{how}:\n{output}");
    }
}
