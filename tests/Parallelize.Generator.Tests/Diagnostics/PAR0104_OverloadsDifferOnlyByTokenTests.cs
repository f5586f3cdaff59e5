using System.Globalization;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0104 OverloadsDifferOnlyByToken: <c>Calls.Method(...)</c> leaves a <c>CancellationToken</c> out and
/// <c>InProcess.Method(...)</c> has an overload that adds one to a method without, so two marked overloads that differ
/// only by a token would get the same generated members (CS0111 in the generated file). Every such overload is
/// reported, naming another, and none is generated.
/// </summary>
public sealed class PAR0104_OverloadsDifferOnlyByTokenTests
{
    /// <summary>Two marked overloads with their names marked, and how the other's message shows each.</summary>
    public static TheoryData<string, string, string, string> ClashingPairs => new()
    {
        // Calls.Run(int) twice, and InProcess.Run(int, CancellationToken) twice.
        { "int [|Run|](int x) => x;", "int [|Run|](int x, CancellationToken ct) => x;", "Jobs.Run(int)", "Jobs.Run(int, CancellationToken)" },
        // The token at another position: only Calls.Run(int) clashes, but that is enough.
        { "int [|Run|](CancellationToken ct, int x) => x;", "int [|Run|](int x, CancellationToken ct) => x;", "Jobs.Run(CancellationToken, int)", "Jobs.Run(int, CancellationToken)" },
        { "int [|Run|](int x, CancellationToken ct, string s) => x;", "int [|Run|](int x, string s, CancellationToken ct) => x;", "Jobs.Run(int, CancellationToken, string)", "Jobs.Run(int, string, CancellationToken)" },
        // No parameter but the token.
        { "void [|Run|]() { }", "void [|Run|](CancellationToken ct) { }", "Jobs.Run()", "Jobs.Run(CancellationToken)" },
        // A default on the token, another result type or a nullable annotation does not tell overloads apart.
        { "int [|Run|](int x) => x;", "Task<int> [|Run|](int x, CancellationToken ct = default) => Task.FromResult(x);", "Jobs.Run(int)", "Jobs.Run(int, CancellationToken)" },
        { "int [|Run|](string s) => 0;", "int [|Run|](string? s, CancellationToken ct) => 0;", "Jobs.Run(string)", "Jobs.Run(string?, CancellationToken)" },
        { "void [|Run|](Level level, long[] values) { }", "Task [|Run|](Level level, long[] values, CancellationToken ct) => Task.CompletedTask;", "Jobs.Run(Level, long[])", "Jobs.Run(Level, long[], CancellationToken)" },
    };

    [Theory]
    [MemberData(nameof(ClashingPairs))]
    public void EachOverloadIsReportedAtItsIdentifierNamingTheOther(string first, string second, string firstShown, string secondShown)
    {
        var run = DiagnosticAssert.ReportsOnEach(
            Snippet($"[RunInProcess] public static {first}", $"[RunInProcess] public static {second}"),
            "PAR0104",
            Message("Jobs.Run", secondShown),
            Message("Jobs.Run", firstShown));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void EveryOverloadOfAClashingGroupIsReportedNamingTheFirstOther() =>
        DiagnosticAssert.GeneratorSkipped(DiagnosticAssert.ReportsOnEach(
            Snippet(
                "[RunInProcess] public static int [|Run|](int x) => x;",
                "[RunInProcess] public static int [|Run|](int x, CancellationToken ct) => x;",
                "[RunInProcess] public static int [|Run|](CancellationToken ct, int x) => x;"),
            "PAR0104",
            Message("Jobs.Run", "Jobs.Run(int, CancellationToken)"),
            Message("Jobs.Run", "Jobs.Run(int)"),
            Message("Jobs.Run", "Jobs.Run(int)")));

    [Fact]
    public void NestedTypeIsNamedWithItsContainingType()
    {
        const string Source = """
            using System.Threading;
            using Parallelize;

            namespace Samples;

            public static partial class Outer
            {
                public static partial class Jobs
                {
                    [RunInProcess] public static int [|Run|](int x) => x;
                    [RunInProcess] public static int [|Run|](int x, CancellationToken ct) => x;
                }
            }
            """;
        var run = DiagnosticAssert.ReportsOnEach(
            Source,
            "PAR0104",
            Message("Outer.Jobs.Run", "Outer.Jobs.Run(int, CancellationToken)"),
            Message("Outer.Jobs.Run", "Outer.Jobs.Run(int)"));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void OverloadsInTwoPartsOfAPartialTypeClash()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(
        [
            Snippet("[RunInProcess] public static int Run(int x) => x;"),
            Snippet("[RunInProcess] public static int Run(int x, CancellationToken ct) => x;"),
        ]));

        Assert.Equal(["PAR0104", "PAR0104"], run.AnalyzerDiagnostics.Select(d => d.Id));
        Assert.Equal(["Source0.cs", "Source1.cs"], run.AnalyzerDiagnostics.Select(d => d.Location.SourceTree!.FilePath).Order(StringComparer.Ordinal));
        Assert.Equal(
            [Message("Jobs.Run", "Jobs.Run(int)"), Message("Jobs.Run", "Jobs.Run(int, CancellationToken)")],
            run.AnalyzerDiagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void OverloadBreakingAnotherRuleStillCounts()
    {
        // Making Run(int, CancellationToken) internal would only bring the clash back, so both say so now.
        const string Source = """
            using System.Threading;
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess] public static int Run(int x) => x;
                [RunInProcess] private static int Run(int x, CancellationToken ct) => x;
            }
            """;
        var run = GeneratorHarness.Run(Source);

        Assert.Equal(["PAR0104", "PAR0004", "PAR0104"], run.AnalyzerDiagnostics.Select(d => d.Id));
        Assert.Equal(
            Message("Jobs.Run", "Jobs.Run(int, CancellationToken)"),
            run.AnalyzerDiagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void ValidSiblingIsStillGeneratedAndCompiles() =>
        DiagnosticAssert.GeneratesOnlyValidSibling(
            Snippet(
                "[RunInProcess] public static int Good(int x, CancellationToken ct) => x;",
                "[RunInProcess] public static int Scan(int x) => x;",
                "[RunInProcess] public static int Scan(int x, CancellationToken ct) => x;"),
            "Good",
            "Scan");

    /// <summary>Marked overloads that still differ once tokens are left out.</summary>
    public static TheoryData<string, string> DistinctPairs => new()
    {
        { "int Run(int x)", "long Run(long x, CancellationToken ct)" },
        { "int Run(int x)", "int Run(int x, int y, CancellationToken ct)" },
        { "int Run(int x, CancellationToken ct)", "int Run(string s, CancellationToken ct)" },
        { "int Run(CancellationToken ct, int x)", "int Run(int x, int y, CancellationToken ct)" },
        { "int Run()", "int Run(int x, CancellationToken ct = default)" },
        { "int Run(int x, long y)", "int Run(long y, int x, CancellationToken ct)" },
        { "int Run(int[] x)", "int Run(int x, CancellationToken ct)" },
    };

    [Theory]
    [MemberData(nameof(DistinctPairs))]
    public void OverloadsThatDifferWithoutTheTokenAreValidAndCompile(string first, string second)
    {
        var run = DiagnosticAssert.Valid(Snippet(
            $"[RunInProcess] public static {first} => 0;",
            $"[RunInProcess] public static {second} => 0;"));
        var generated = run.Source("Samples.Jobs.Parallelize.g.cs");
        // Two factories, and a shortcut calling its own factory for a method with a token, two (without and with
        // one) for a method without.
        var shortcuts = new[] { first, second }.Sum(m => m.Contains("CancellationToken", StringComparison.Ordinal) ? 1 : 2);
        Assert.Equal(2 + shortcuts, CountOf(generated, " Run("));
        Assert.Equal(shortcuts, CountOf(generated, ".Calls.Run("));
    }

    [Theory]
    [InlineData("public static int Run(int x, CancellationToken ct) => x;")]
    [InlineData("public static int Run(CancellationToken ct, int x) => x;")]
    [InlineData("public static int Run(int x) => x;")]
    public void UnmarkedOverloadDoesNotCount(string unmarked)
    {
        var marked = unmarked.Contains("CancellationToken", StringComparison.Ordinal)
            ? "[RunInProcess] public static int Run(int x) => x;"
            : "[RunInProcess] public static int Run(int x, CancellationToken ct) => x;";
        DiagnosticAssert.Valid(Snippet(marked, unmarked));
    }

    [Fact]
    public void SameShapeInAnotherTypeIsNotAnOverload() =>
        DiagnosticAssert.Valid(
            """
            using System.Threading;
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess] public static int Run(int x) => x;

                public static partial class Inner
                {
                    [RunInProcess] public static int Run(int x, CancellationToken ct) => x;
                }
            }

            public partial class MoreJobs : Jobs
            {
                [RunInProcess] public static int Run(int x, CancellationToken ct) => x;
            }
            """);

    private static string Message(string member, string other) =>
        $"'{member}' cannot run in a child process: except for CancellationToken it has the same parameters as the [RunInProcess] overload '{other}', so their generated Calls and InProcess members would clash; rename one or change its parameters";

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Snippet(params string[] members) => $$"""
        using System.Threading;
        using System.Threading.Tasks;
        using Parallelize;

        namespace Samples;

        public enum Level : byte { Low, High }

        public static partial class Jobs
        {
            {{string.Join("\n    ", members)}}
        }
        """;
}
