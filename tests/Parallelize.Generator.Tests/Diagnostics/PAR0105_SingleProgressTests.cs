using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0105 SingleProgress: an <c>IProgress&lt;T&gt;</c> parameter is a live link to the caller's instance, and a
/// progress report names its call, not a parameter, so a method takes at most one. Where an <c>IProgress&lt;T&gt;</c>
/// is not a parameter of its own (inside a value, an array, a result), or its <c>T</c> cannot cross, it is PAR0101.
/// </summary>
public sealed class PAR0105_SingleProgressTests
{
    private const string LiveLink =
        "is a live link to the caller's IProgress<T>, so it can only be a parameter of the method itself, not part of a value or a result";

    /// <summary>Parameter lists with the second IProgress marked, and the names the message gives.</summary>
    public static TheoryData<string, string, string> TwoProgresses => new()
    {
        { "IProgress<int> first, [|IProgress<int> second|]", "first", "second" },
        // Different T do not make them one: the child could not say which one a report is for.
        { "int a, IProgress<int> first, string b, [|IProgress<string> second|]", "first", "second" },
        { "IProgress<int>? first = null, CancellationToken ct = default, [|IProgress<long>? second = null|]", "first", "second" },
        { "System.IProgress<int> progress, [|global::System.IProgress<int> other|]", "progress", "other" },
    };

    [Theory]
    [MemberData(nameof(TwoProgresses))]
    public void SecondProgressIsReportedOnTheWholeParameter(string parameters, string first, string second)
    {
        var run = DiagnosticAssert.ReportsExactly(Snippet(parameters), "PAR0105", Message(first, second));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void EveryProgressAfterTheFirstIsReportedAgainstTheFirst()
    {
        var source = Snippet("IProgress<int> a, int x, IProgress<int> b, IProgress<string> c");
        var run = GeneratorHarness.Run(source);

        Assert.Equal(["PAR0105", "PAR0105"], run.AnalyzerDiagnostics.Select(d => d.Id));
        Assert.Equal(
            [Message("a", "b"), Message("a", "c")],
            run.AnalyzerDiagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(
            [SpanOf(source, "IProgress<int> b"), SpanOf(source, "IProgress<string> c")],
            run.AnalyzerDiagnostics.Select(d => d.Location.SourceSpan));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("IProgress<int> progress")]
    [InlineData("IProgress<int> progress, int a")]
    [InlineData("int a, IProgress<string?>? progress = null")]
    [InlineData("IProgress<Step> progress, CancellationToken ct")]
    [InlineData("IProgress<List<Step>> progress")]
    [InlineData("IProgress<(int Done, int Total)> progress")]
    [InlineData("IProgress<int?> progress")]
    [InlineData("System.IProgress<DayOfWeek[]> progress")]
    public void OneProgressOfACarriedTypeIsValid(string parameters) => DiagnosticAssert.Valid(Snippet(parameters));

    public static TheoryData<string, string, string> NotAProgressParameter => new()
    {
        // T must cross: the reason is about T.
        { "IProgress<int> first, [|IProgress<object>|] second", "IProgress<object>", "reports object, which says nothing about what to carry; declare the type it holds" },
        { "[|IProgress<Action>|] second", "IProgress<Action>", "reports Action, which is a delegate" },
        { "[|IProgress<List<Action>>|] second", "IProgress<List<Action>>", "reports List<Action>, which cannot be carried because it holds Action, which is a delegate" },
        { "[|IProgress<CancellationToken>|] second", "IProgress<CancellationToken>", "reports CancellationToken, which can only be a parameter of the method itself, not part of a value" },
        { "[|IProgress<IProgress<int>>|] second", "IProgress<IProgress<int>>", "reports IProgress<int>, which " + LiveLink },
        // Anywhere but as a parameter of its own, an IProgress is not a second one but a type that cannot cross.
        { "IProgress<int> first, [|IProgress<int>[]|] second", "IProgress<int>[]", "cannot be carried because it holds IProgress<int>, which " + LiveLink },
        { "[|List<IProgress<int>>|] second", "List<IProgress<int>>", "cannot be carried because it holds IProgress<int>, which " + LiveLink },
        { "[|(int, IProgress<int>)|] second", "(int, IProgress<int>)", "cannot be carried because it holds IProgress<int>, which " + LiveLink },
        { "[|Holder|] second", "Holder", "cannot be carried because Holder.Progress " + LiveLink },
        // A type that is only named IProgress is an ordinary interface (shown without its namespace).
        { "IProgress<int> first, [|Other.IProgress<int>|] second", "IProgress<int>", "is an interface with no [DerivedType] attributes, so the child cannot know which type to create; declare the implementations with [DerivedType(typeof(...))]" },
    };

    [Theory]
    [MemberData(nameof(NotAProgressParameter))]
    public void OnlyAProgressOfACarriedTypeIsAProgressParameter(string parameters, string display, string reason)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet(parameters),
            "PAR0101",
            $"'Jobs.Work' cannot run in a child process: parameter 'second' has type '{display}', which {reason}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void ProgressPassedByRefIsAModifierErrorOnly()
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet("IProgress<int> first, [|in IProgress<int> second|]"),
            "PAR0003",
            "'Jobs.Work' cannot run in a child process: parameter 'second' is passed by 'in'");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void ValidSiblingIsStillGenerated() =>
        DiagnosticAssert.GeneratesOnlyValidSibling(
            """
            using System;
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int Good(int x, IProgress<int> progress) => x;

                [RunInProcess]
                public static void Work(IProgress<int> first, IProgress<int> second) { }
            }
            """,
            "Good",
            "Work");

    private static string Message(string first, string second) =>
        $"'Jobs.Work' cannot run in a child process: parameters '{first}' and '{second}' are both IProgress<T>, and a call reports to one IProgress; take one";

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
        using Parallelize;

        namespace Other
        {
            public interface IProgress<T> { void Report(T value); }
        }

        namespace Samples
        {
            public sealed record Step(int Done, string Label);

            public sealed class Holder
            {
                public IProgress<int>? Progress { get; set; }
            }

            public static partial class Jobs
            {
                [RunInProcess]
                public static void Work({{parameters}}) { }
            }
        }
        """;
}
