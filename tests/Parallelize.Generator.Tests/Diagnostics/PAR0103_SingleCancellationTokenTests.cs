using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0103 SingleCancellationToken: a token parameter is not carried but passed the child's token for the call, and a
/// call has one cancellation, so a method takes at most one token.
/// </summary>
public sealed class PAR0103_SingleCancellationTokenTests
{
    private const string HeldToken =
        "cannot be carried because it holds CancellationToken, which can only be a parameter of the method itself, not part of a value";

    /// <summary>Parameter lists with the second token marked, and the names the message gives.</summary>
    public static TheoryData<string, string, string> TwoTokens => new()
    {
        { "CancellationToken first, [|CancellationToken second|]", "first", "second" },
        { "int a, CancellationToken first, string b, [|CancellationToken second|], long c", "first", "second" },
        { "CancellationToken first, int a, [|CancellationToken second|]", "first", "second" },
        // The span is the whole parameter, default value included.
        { "CancellationToken first = default, [|CancellationToken second = default|]", "first", "second" },
        { "System.Threading.CancellationToken cancellationToken, [|global::System.Threading.CancellationToken ct|]", "cancellationToken", "ct" },
    };

    [Theory]
    [MemberData(nameof(TwoTokens))]
    public void SecondTokenIsReportedOnTheWholeParameter(string parameters, string first, string second)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet(parameters),
            "PAR0103",
            Message(first, second));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void EveryTokenAfterTheFirstIsReportedAgainstTheFirst()
    {
        const string Parameters = "CancellationToken a, int x, CancellationToken b, CancellationToken c";
        var source = Snippet(Parameters);
        var run = GeneratorHarness.Run(source);

        Assert.Equal(["PAR0103", "PAR0103"], run.AnalyzerDiagnostics.Select(d => d.Id));
        Assert.Equal(
            [Message("a", "b"), Message("a", "c")],
            run.AnalyzerDiagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(
            [SpanOf(source, "CancellationToken b"), SpanOf(source, "CancellationToken c")],
            run.AnalyzerDiagnostics.Select(d => d.Location.SourceSpan));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("CancellationToken cancellationToken")]
    [InlineData("CancellationToken ct, int a")]
    [InlineData("int a, CancellationToken ct, string b")]
    [InlineData("int a, string b, CancellationToken token")]
    [InlineData("int a, CancellationToken ct = default")]
    [InlineData("CancellationToken ct = default, int a = 1")]
    [InlineData("int a, System.Threading.CancellationToken ct")]
    public void OneTokenAtAnyPositionIsValid(string parameters) => DiagnosticAssert.Valid(Snippet(parameters));

    public static TheoryData<string, string, string> NotATokenParameter => new()
    {
        // An array of tokens is an unsupported type, not a second token: PAR0101 alone.
        { "CancellationToken first, [|CancellationToken[]|] second", "CancellationToken[]", HeldToken },
        { "CancellationToken first, [|CancellationToken[][]|] second", "CancellationToken[][]", HeldToken },
        { "[|CancellationToken[]|] second", "CancellationToken[]", HeldToken },
        { "CancellationToken first, [|CancellationToken?|] second", "CancellationToken?", HeldToken },
        // A type that is only named CancellationToken is an ordinary struct (shown without its namespace): this one
        // fails for its own member, not as a second token.
        { "CancellationToken first, [|Other.CancellationToken|] second", "CancellationToken", "cannot be carried because CancellationToken.Callback is a delegate" },
    };

    [Theory]
    [MemberData(nameof(NotATokenParameter))]
    public void OnlyATokenCountsAsASecondToken(string parameters, string display, string reason)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet(parameters),
            "PAR0101",
            $"'Jobs.Work' cannot run in a child process: parameter 'second' has type '{display}', which {reason}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void TokenPassedByRefIsAModifierErrorOnly()
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet("CancellationToken first, [|ref CancellationToken second|]"),
            "PAR0003",
            "'Jobs.Work' cannot run in a child process: parameter 'second' is passed by 'ref'");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void ValidSiblingIsStillGenerated() =>
        DiagnosticAssert.GeneratesOnlyValidSibling(
            """
            using System.Threading;
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int Good(int x, CancellationToken cancellationToken) => x;

                [RunInProcess]
                public static void Work(CancellationToken first, CancellationToken second) { }
            }
            """,
            "Good",
            "Work");

    private static string Message(string first, string second) =>
        $"'Jobs.Work' cannot run in a child process: parameters '{first}' and '{second}' are both CancellationToken, and a call has one cancellation; take one token";

    private static TextSpan SpanOf(string source, string text)
    {
        var start = source.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{text}' is not in the snippet.");
        return new TextSpan(start, text.Length);
    }

    private static string Snippet(string parameters) => $$"""
        using System.Threading;
        using Parallelize;

        namespace Other
        {
            public struct CancellationToken { public System.Action? Callback; }
        }

        namespace Samples
        {
            public static partial class Jobs
            {
                [RunInProcess]
                public static void Work({{parameters}}) { }
            }
        }
        """;
}
