using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0107 SingleLogger: an <c>ILogger</c> or <c>ILogger&lt;T&gt;</c> parameter is a live link to the caller's logger,
/// and a log frame names its call, not a parameter, so a method takes at most one. Where a logger is not a parameter of
/// its own (inside a value, an array, a result) it is PAR0101 or PAR0102.
/// </summary>
public sealed class PAR0107_SingleLoggerTests
{
    private const string LiveLink =
        "is a live link to the caller's ILogger, so it can only be a parameter of the method itself, not part of a value or a result";

    /// <summary>Parameter lists with the second logger marked, and the names the message gives.</summary>
    public static TheoryData<string, string, string> TwoLoggers => new()
    {
        { "ILogger first, [|ILogger second|]", "first", "second" },
        // Different categories do not make them one: the child could not say which logger an entry is for.
        { "int a, ILogger<Scanner> first, string b, [|ILogger<Step> second|]", "first", "second" },
        { "ILogger first, [|ILogger<Scanner> second|]", "first", "second" },
        { "ILogger? first = null, CancellationToken ct = default, [|ILogger? second = null|]", "first", "second" },
        { "Microsoft.Extensions.Logging.ILogger logger, IProgress<int> progress, [|global::Microsoft.Extensions.Logging.ILogger other|]", "logger", "other" },
    };

    [Theory]
    [MemberData(nameof(TwoLoggers))]
    public void SecondLoggerIsReportedOnTheWholeParameter(string parameters, string first, string second)
    {
        var run = DiagnosticAssert.ReportsExactly(Snippet(parameters), "PAR0107", Message(first, second));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void EveryLoggerAfterTheFirstIsReportedAgainstTheFirst()
    {
        var source = Snippet("ILogger a, int x, ILogger<Scanner> b, ILogger c");
        var run = GeneratorHarness.Run(source);

        Assert.Equal(["PAR0107", "PAR0107"], run.AnalyzerDiagnostics.Select(d => d.Id));
        Assert.Equal(
            [Message("a", "b"), Message("a", "c")],
            run.AnalyzerDiagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(
            [SpanOf(source, "ILogger<Scanner> b"), SpanOf(source, "ILogger c")],
            run.AnalyzerDiagnostics.Select(d => d.Location.SourceSpan));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("ILogger logger")]
    [InlineData("ILogger<Scanner> logger, int a")]
    [InlineData("int a, ILogger? logger = null")]
    [InlineData("ILogger<Step> logger, IProgress<int> progress, CancellationToken ct")]
    [InlineData("ILogger<List<Step>> logger")]
    public void OneLoggerIsValid(string parameters) => DiagnosticAssert.Valid(Snippet(parameters));

    public static TheoryData<string, string, string> NotALoggerParameter => new()
    {
        // Anywhere but as a parameter of its own, a logger is not a second one but a type that cannot cross.
        { "ILogger first, [|ILogger[]|] second", "ILogger[]", "cannot be carried because it holds ILogger, which " + LiveLink },
        { "[|List<ILogger<Scanner>>|] second", "List<ILogger<Scanner>>", "cannot be carried because it holds ILogger<Scanner>, which " + LiveLink },
        { "[|(int, ILogger)|] second", "(int, ILogger)", "cannot be carried because it holds ILogger, which " + LiveLink },
        { "[|Holder|] second", "Holder", "cannot be carried because Holder.Logger " + LiveLink },
        { "[|IProgress<ILogger>|] second", "IProgress<ILogger>", "reports ILogger, which " + LiveLink },
        // Other logging types are framework types like any other; a type only named ILogger is an ordinary interface.
        { "[|ILoggerFactory|] second", "ILoggerFactory", "is not supported by the wire format (see the README's table of types that can cross)" },
        { "ILogger first, [|Other.ILogger|] second", "ILogger", "is an interface with no [DerivedType] attributes, so the child cannot know which type to create; declare the implementations with [DerivedType(typeof(...))]" },
    };

    [Theory]
    [MemberData(nameof(NotALoggerParameter))]
    public void OnlyALoggerOfItsOwnIsALoggerParameter(string parameters, string display, string reason)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet(parameters),
            "PAR0101",
            $"'Jobs.Work' cannot run in a child process: parameter 'second' has type '{display}', which {reason}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("ILogger")]
    [InlineData("Task<ILogger<Scanner>>")]
    public void ALoggerResultIsAReturnTypeError(string returnType)
    {
        string shown = returnType.StartsWith("Task<", StringComparison.Ordinal) ? returnType[5..^1] : returnType;
        var run = DiagnosticAssert.ReportsExactly(
            ResultSnippet(returnType),
            "PAR0102",
            $"'Jobs.Make' cannot run in a child process: its result type '{shown}' {LiveLink}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void LoggerPassedByRefIsAModifierErrorOnly()
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet("ILogger first, [|in ILogger second|]"),
            "PAR0003",
            "'Jobs.Work' cannot run in a child process: parameter 'second' is passed by 'in'");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void ValidSiblingIsStillGenerated() =>
        DiagnosticAssert.GeneratesOnlyValidSibling(
            """
            using Microsoft.Extensions.Logging;
            using Parallelize;

            namespace Samples;

            public sealed class Scanner;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int Good(int x, ILogger<Scanner> logger) => x;

                [RunInProcess]
                public static void Work(ILogger first, ILogger second) { }
            }
            """,
            "Good",
            "Work");

    private static string Message(string first, string second) =>
        $"'Jobs.Work' cannot run in a child process: parameters '{first}' and '{second}' are both ILogger, and a call's log entries go to one logger; take one";

    private static TextSpan SpanOf(string source, string text)
    {
        var start = source.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{text}' is not in the snippet.");
        return new TextSpan(start, text.Length);
    }

    private static string Snippet(string parameters) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using Microsoft.Extensions.Logging;
        using Parallelize;

        namespace Other
        {
            public interface ILogger { void Log(string text); }
        }

        namespace Samples
        {
            public sealed record Step(int Done, string Label);

            public sealed class Scanner;

            public sealed class Holder
            {
                public ILogger? Logger { get; set; }
            }

            public static partial class Jobs
            {
                [RunInProcess]
                public static void Work({{parameters}}) { }
            }
        }
        """;

    private static string ResultSnippet(string returnType) => $$"""
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Parallelize;

        namespace Samples
        {
            public sealed class Scanner;

            public static partial class Jobs
            {
                [RunInProcess]
                public static [|{{returnType}}|] Make() => throw null!;
            }
        }
        """;
}
