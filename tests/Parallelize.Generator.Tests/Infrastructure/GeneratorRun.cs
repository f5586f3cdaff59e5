using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>Everything one run of the generator and the analyzer over a compilation produced.</summary>
/// <param name="InputCompilation">The user's code, before the generator ran.</param>
/// <param name="OutputCompilation">The user's code plus the generated files.</param>
/// <param name="Driver">The driver after the run; run it again to test incremental caching.</param>
/// <param name="RunResult">The driver's run result, with the tracked incremental steps.</param>
/// <param name="GeneratedSources">The generated files, ordered by hint name.</param>
/// <param name="CompilationDiagnostics">The output compilation's diagnostics (user code and generated code).</param>
/// <param name="GeneratorDiagnostics">Diagnostics the generator itself reported; rules belong to the analyzer.</param>
/// <param name="AnalyzerDiagnostics">What <c>RunInProcessAnalyzer</c> reported on the output compilation.</param>
internal sealed record GeneratorRun(
    Compilation InputCompilation,
    Compilation OutputCompilation,
    GeneratorDriver Driver,
    GeneratorDriverRunResult RunResult,
    ImmutableArray<GeneratedFile> GeneratedSources,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics)
{
    /// <summary>The one generator's result: the driver runs only <c>RunInProcessGenerator</c>.</summary>
    public GeneratorRunResult Result => RunResult.Results.Single();

    /// <summary>The text of the generated file with this hint name; fails listing the hint names there are.</summary>
    public string Source(string hintName) =>
        GeneratedSources.SingleOrDefault(f => f.HintName == hintName)?.Text
        ?? throw new Xunit.Sdk.XunitException(
            $"The generator produced no '{hintName}'; it produced: [{string.Join(", ", GeneratedSources.Select(f => f.HintName))}]");
}
