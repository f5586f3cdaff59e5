using System.Reflection;
using Microsoft.CodeAnalysis;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Caching;

/// <summary>
/// Reruns the generator on edits that cannot change its output and requires every tracked step and every output to
/// come from the cache (NEE <c>AssertRunsEqual</c>, STJ <c>IncrementalGenerator_EquivalentSources_DoesNotRegenerate</c>);
/// then makes an edit that must change the output and requires the pipeline to notice.
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Parallelize;

        namespace Samples;

        public static partial class Primes
        {
            [RunInProcess]
            public static long Count(int from, long to = 100) => to - from;

            [RunInProcess]
            internal static Task<string[]> NamesAsync(string prefix) => Task.FromResult(new[] { prefix });
        }

        public sealed record Line(string Text);

        public static partial class Other
        {
            [RunInProcess]
            public static void Log(double value) { }

            [RunInProcess]
            public static void Drain(ProcessQueue<Line> lines, ProcessLock gate) { }
        }
        """;

    // Every name TrackingNames declares, so a step added later is held to the same rule; the contract's five
    // must be among them.
    private static readonly string[] TrackedNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void TrackingNamesIncludeTheContractSteps() =>
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal) { "Methods", "ValidMethods", "AssemblyName", "TypeGroups", "DispatchTable" },
            TrackedNames.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void ClonedCompilationIsFullyCached() =>
        AssertRerunIsCached(compilation => compilation.Clone());

    [Fact]
    public void UnrelatedFileIsFullyCached() =>
        AssertRerunIsCached(compilation => compilation.AddSyntaxTrees(
            GeneratorHarness.Parse("namespace Samples; public static class Unrelated { public static int M() => 1; }", "Unrelated.cs")));

    [Fact]
    public void EditedMethodBodyIsFullyCached() =>
        AssertRerunIsCached(compilation => ReplaceInSource(compilation, "=> to - from;", "=> from - to + 1;"));

    [Fact]
    public void ChangedParameterTypeIsModifiedAndRegenerates()
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        var first = GeneratorHarness.Run(compilation);
        var second = GeneratorHarness.Run(first.Driver, ReplaceInSource(compilation, "Count(int from,", "Count(long from,"));

        var methods = StepOutputs(second, TrackingNames.Methods);
        Assert.Contains(methods, output => output.Reason == IncrementalStepRunReason.Modified);

        var before = first.Source("Samples.Primes.Parallelize.g.cs");
        var after = second.Source("Samples.Primes.Parallelize.g.cs");
        Assert.Contains("Count(int from", before, StringComparison.Ordinal);
        Assert.Contains("Count(long from", after, StringComparison.Ordinal);
        Assert.NotEqual(first.Source("Parallelize.Dispatch.g.cs"), second.Source("Parallelize.Dispatch.g.cs"));

        // The other type's file does not depend on the edited method.
        Assert.Equal(first.Source("Samples.Other.Parallelize.g.cs"), second.Source("Samples.Other.Parallelize.g.cs"));
        GeneratorHarness.AssertCompilesCleanly(second);
    }

    [Fact]
    public void ApplicationWorkerEntryIsCachedUntilAMethodAppears()
    {
        var compilation = GeneratorHarness.CreateCompilation(
            "namespace App; public static partial class Program { public static void Main() { } }", OutputKind.ConsoleApplication, "App");
        var first = GeneratorHarness.Run(compilation);
        Assert.Equal(["Parallelize.WorkerEntry.g.cs"], first.GeneratedSources.Select(f => f.HintName));

        // An unrelated file: nothing runs again.
        var second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(
            GeneratorHarness.Parse("namespace App; public static class Unrelated { public static int M() => 1; }", "Unrelated.cs")));
        foreach (var (value, reason) in SourceOutputs(second))
        {
            Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"A source output was {reason} ({value}) after an unrelated edit.");
        }

        // The first marked method: the dispatch file takes over the entry, after its registration.
        var third = GeneratorHarness.Run(second.Driver, compilation.AddSyntaxTrees(GeneratorHarness.Parse(
            "namespace App; public static partial class Work { [Parallelize.RunInProcess] public static int M() => 1; }", "Work.cs")));
        Assert.Equal(["App.Work.Parallelize.g.cs", "Parallelize.Dispatch.g.cs"], third.GeneratedSources.Select(f => f.HintName));
        Assert.Contains("RunNativeWorkerIfRequested();", third.Source("Parallelize.Dispatch.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void FirstRunTracksEveryNamedStep()
    {
        // Guards the cached assertions above: they would hold vacuously if a step were renamed or never tracked.
        var run = GeneratorHarness.Run(Source);
        foreach (var name in TrackedNames)
        {
            var outputs = StepOutputs(run, name);
            Assert.All(outputs, output => Assert.Equal(IncrementalStepRunReason.New, output.Reason));
        }

        Assert.NotEmpty(SourceOutputs(run));
    }

    private static void AssertRerunIsCached(Func<Compilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        var first = GeneratorHarness.Run(compilation);
        // Two types, the dispatch table, the serializers (string[], Line), the channel registrations (Line).
        Assert.Equal(5, first.GeneratedSources.Length);

        var second = GeneratorHarness.Run(first.Driver, edit(compilation));

        foreach (var name in TrackedNames)
        {
            foreach (var (value, reason) in StepOutputs(second, name))
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' produced {reason} for {value}; an edit that changes no model must leave every step cached.");
            }
        }

        foreach (var (value, reason) in SourceOutputs(second))
        {
            Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"A source output was {reason} ({value}): the emitter ran again for an input that did not change.");
        }

        GeneratedFileAssert.Equal(first.GeneratedSources, second.GeneratedSources);
    }

    /// <summary>The outputs of every run of the named step; fails if the step is missing or produced nothing.</summary>
    private static List<(object Value, IncrementalStepRunReason Reason)> StepOutputs(GeneratorRun run, string name)
    {
        Assert.True(
            run.Result.TrackedSteps.TryGetValue(name, out var steps),
            $"No tracked step named '{name}'; tracked: [{string.Join(", ", run.Result.TrackedSteps.Keys)}]");
        var outputs = steps.SelectMany(step => step.Outputs).ToList();
        Assert.True(outputs.Count > 0, $"Tracked step '{name}' has no outputs.");
        return outputs;
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorRun run)
    {
        var outputs = run.Result.TrackedOutputSteps.Values.SelectMany(steps => steps).SelectMany(step => step.Outputs).ToList();
        Assert.True(outputs.Count > 0, "No tracked source output steps.");
        return outputs;
    }

    private static Compilation ReplaceInSource(Compilation compilation, string oldText, string newText)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.ToString().Contains(oldText, StringComparison.Ordinal));
        var edited = tree.WithChangedText(tree.GetText().Replace(
            tree.ToString().IndexOf(oldText, StringComparison.Ordinal), oldText.Length, newText));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }
}
