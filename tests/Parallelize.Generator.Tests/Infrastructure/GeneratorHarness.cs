using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Parallelize.Generator.Analysis;
using Xunit;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles test snippets against the running .NET and the Parallelize runtime, runs <see cref="RunInProcessGenerator"/>
/// with step tracking on, and runs <see cref="RunInProcessAnalyzer"/> over the result, as a real build would.
/// </summary>
internal static class GeneratorHarness
{
    public const string DefaultAssemblyName = "Tests";

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    // The framework's own assemblies (not the test host's xunit, Roslyn, generator ...) plus the Parallelize runtime and
    // the logging abstractions it depends on, as a package reference brings them.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation CreateCompilation(
        string source,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary,
        string assemblyName = DefaultAssemblyName) =>
        CreateCompilation([source], outputKind, assemblyName);

    public static CSharpCompilation CreateCompilation(
        IEnumerable<string> sources,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary,
        string assemblyName = DefaultAssemblyName)
    {
        var trees = sources.Select((source, i) => Parse(source, $"Source{i}.cs"));
        var options = new CSharpCompilationOptions(
            outputKind,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: true, // pointer and function-pointer snippets for PAR0101
            // The SDK's default NoWarn: the runtime was built against net8.0's System.Runtime and is unified
            // with the running framework's newer one, exactly as in a real net10.0 build.
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });
        return CSharpCompilation.Create(assemblyName, trees, References.Value, options);
    }

    public static SyntaxTree Parse(string source, string path = "Source0.cs") =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path, Encoding.UTF8);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new RunInProcessGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(
        string source,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary,
        string assemblyName = DefaultAssemblyName) =>
        Run(CreateDriver(), CreateCompilation(source, outputKind, assemblyName));

    public static GeneratorRun Run(Compilation compilation) => Run(CreateDriver(), compilation);

    /// <summary>Runs <paramref name="driver"/> (a fresh one, or one returned by an earlier run) over the compilation.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        // The input must compile: a typo in a snippet would otherwise look like a generator or analyzer finding.
        var inputErrors = compilation.GetParseDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(inputErrors.Count == 0, "The test snippet does not parse:\n" + string.Join("\n", inputErrors));

        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var runResult = driver.GetRunResult();

        // A generator that throws produces nothing, which "emits nothing for an invalid method" would then accept.
        foreach (var result in runResult.Results)
        {
            if (result.Exception is not null)
            {
                throw new InvalidOperationException($"The generator threw: {result.Exception}", result.Exception);
            }
        }

        var generated = runResult.Results
            .SelectMany(r => r.GeneratedSources)
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString()))
            .ToImmutableArray();

        return new GeneratorRun(
            compilation,
            output,
            driver,
            runResult,
            generated,
            output.GetDiagnostics(),
            generatorDiagnostics,
            RunAnalyzer(output));
    }

    /// <summary>
    /// Runs the analyzer over <paramref name="compilation"/>. Tests pass the output compilation, because a real build
    /// analyzes the generated files too: the analyzer must not mistake the generated <c>Calls</c> for the user's.
    /// </summary>
    public static ImmutableArray<Diagnostic> RunAnalyzer(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (e, _, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add(e);
                }
            },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers([new RunInProcessAnalyzer()], options);
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (exceptions.Count > 0)
        {
            throw new AggregateException("The analyzer threw.", exceptions);
        }

        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>
    /// Fails listing every warning and error of the output compilation, with the offending line (STJ
    /// <c>AssertMaxSeverity</c>): generated code must build in projects that treat warnings as errors.
    /// </summary>
    public static void AssertCompilesCleanly(GeneratorRun run)
    {
        var problems = run.CompilationDiagnostics
            .Concat(run.GeneratorDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();
        if (problems.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"The output compilation has {problems.Count} warning(s) or error(s):\n");
        foreach (var diagnostic in problems)
        {
            message.Append("  ").Append(diagnostic).Append('\n');
            if (diagnostic.Location.IsInSource)
            {
                var tree = diagnostic.Location.SourceTree!;
                var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
                message.Append("      | ").Append(tree.GetText().Lines[line].ToString().Trim()).Append('\n');
            }
        }

        Assert.Fail(message.ToString());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .OrderBy(path => path, StringComparer.Ordinal);
        return framework
            .Append(typeof(RunInProcessAttribute).Assembly.Location)
            .Append(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
