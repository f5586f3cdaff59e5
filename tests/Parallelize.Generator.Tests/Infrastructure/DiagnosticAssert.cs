using System.Globalization;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>The checks every <c>PARnnnn_*Tests</c> class makes, so each class only states its snippets and messages.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Runs generator and analyzer on a snippet whose expected span is marked <c>[|...|]</c> and asserts that the
    /// analyzer reports exactly one diagnostic, with this ID, at that span, with this exact message.
    /// </summary>
    public static GeneratorRun ReportsExactly(string markedSource, string id, string message)
    {
        var marked = MarkedSource.Parse(markedSource);
        var run = GeneratorHarness.Run(marked.Source);

        Assert.True(
            run.AnalyzerDiagnostics.Length == 1,
            $"Expected exactly one {id}, got {run.AnalyzerDiagnostics.Length}:\n  " + string.Join("\n  ", run.AnalyzerDiagnostics));
        var diagnostic = run.AnalyzerDiagnostics[0];

        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.True(diagnostic.Location.IsInSource, $"{id} has no source location: {diagnostic.Location}");
        Assert.Equal("Source0.cs", diagnostic.Location.SourceTree!.FilePath);

        var expectedText = marked.Source.Substring(marked.Span.Start, marked.Span.Length);
        var actualText = diagnostic.Location.SourceTree.GetText().ToString(diagnostic.Location.SourceSpan);
        Assert.True(
            marked.Span == diagnostic.Location.SourceSpan,
            $"{id} is at {diagnostic.Location.SourceSpan} '{actualText}', expected {marked.Span} '{expectedText}'.");
        return run;
    }

    /// <summary>
    /// Like <see cref="ReportsExactly"/> for a rule that reports on several places at once: the snippet marks each
    /// expected span <c>[|...|]</c>, and the analyzer reports exactly one diagnostic with this ID at each, in source
    /// order, with the message at the same index.
    /// </summary>
    public static GeneratorRun ReportsOnEach(string markedSource, string id, params string[] messages)
    {
        var (source, spans) = MarkedSource.ParseAll(markedSource);
        Assert.True(spans.Count == messages.Length, $"The snippet marks {spans.Count} spans for {messages.Length} messages.");
        var run = GeneratorHarness.Run(source);

        Assert.True(
            run.AnalyzerDiagnostics.Length == spans.Count,
            $"Expected {spans.Count} {id}, got {run.AnalyzerDiagnostics.Length}:\n  " + string.Join("\n  ", run.AnalyzerDiagnostics));
        for (var i = 0; i < spans.Count; i++)
        {
            var diagnostic = run.AnalyzerDiagnostics[i];
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(messages[i], diagnostic.GetMessage(CultureInfo.InvariantCulture));
            Assert.True(diagnostic.Location.IsInSource, $"{id} has no source location: {diagnostic.Location}");
            Assert.Equal("Source0.cs", diagnostic.Location.SourceTree!.FilePath);
            var actualText = diagnostic.Location.SourceTree.GetText().ToString(diagnostic.Location.SourceSpan);
            Assert.True(
                spans[i] == diagnostic.Location.SourceSpan,
                $"{id} #{i} is at {diagnostic.Location.SourceSpan} '{actualText}', expected {spans[i]} '{source.Substring(spans[i].Start, spans[i].Length)}'.");
        }

        return run;
    }

    /// <summary>
    /// The generator left the invalid method out: no file at all (the snippet has no valid method), the
    /// <c>Methods</c> step produced <see langword="null"/> for every method it saw, and the generator reported no
    /// diagnostics of its own (the rules are the analyzer's; reporting them twice would duplicate every error).
    /// </summary>
    public static void GeneratorSkipped(GeneratorRun run)
    {
        Assert.True(
            run.GeneratedSources.IsEmpty,
            "The generator emitted code for an invalid method: " + string.Join(", ", run.GeneratedSources.Select(f => f.HintName)));
        Assert.Empty(run.GeneratorDiagnostics);
        if (run.Result.TrackedSteps.TryGetValue(TrackingNames.Methods, out var steps))
        {
            Assert.All(steps.SelectMany(s => s.Outputs), output => Assert.Null(output.Value));
        }
    }

    /// <summary>
    /// A type holding a valid method <paramref name="validMethod"/> and an invalid one <paramref name="invalidMethod"/>:
    /// the valid one gets its call class, the invalid one appears nowhere in generated code, and it all compiles.
    /// </summary>
    public static void GeneratesOnlyValidSibling(string source, string validMethod, string invalidMethod)
    {
        var run = GeneratorHarness.Run(source);
        Assert.NotEmpty(run.AnalyzerDiagnostics);
        Assert.Contains(run.GeneratedSources, f => f.Text.Contains($"class __{validMethod}Call", StringComparison.Ordinal));
        foreach (var file in run.GeneratedSources)
        {
            Assert.DoesNotContain(invalidMethod, file.Text, StringComparison.Ordinal);
        }

        GeneratorHarness.AssertCompilesCleanly(run);
    }

    /// <summary>The corrected snippet: the analyzer is silent, the generator emits its call class and it all compiles.</summary>
    public static GeneratorRun Valid(string source) => Valid([source]);

    /// <summary>Like <see cref="Valid(string)"/> for code in several files (<c>Source0.cs</c>, <c>Source1.cs</c> ...).</summary>
    public static GeneratorRun Valid(IReadOnlyList<string> sources)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(sources));
        Assert.True(
            run.AnalyzerDiagnostics.IsEmpty,
            "The analyzer reported on valid code:\n  " + string.Join("\n  ", run.AnalyzerDiagnostics));
        Assert.Contains(run.GeneratedSources, f => f.Text.Contains("static class Calls", StringComparison.Ordinal));
        Assert.Empty(run.GeneratorDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run);
        return run;
    }
}
