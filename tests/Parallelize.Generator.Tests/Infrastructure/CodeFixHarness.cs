using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>
/// Runs a code fix as an IDE would, in house (Microsoft.CodeAnalysis.Testing is not on this machine's feed): the
/// snippets become documents <c>Source0.cs</c>, <c>Source1.cs</c> ... of one project in an <see cref="AdhocWorkspace"/>
/// compiled as <see cref="GeneratorHarness"/> compiles them; <c>RunInProcessAnalyzer</c> reports on it; the provider
/// is asked for fixes; the chosen action's changed solution gives the fixed text of every document.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>
    /// Applies the one fix offered for the one diagnostic <paramref name="provider"/> fixes, after checking its title,
    /// and returns the text of every document afterwards, in the order of <paramref name="sources"/>.
    /// </summary>
    public static async Task<string[]> FixAsync(CodeFixProvider provider, string expectedTitle, params string[] sources)
    {
        using var workspace = new AdhocWorkspace();
        var project = CreateProject(workspace, sources);
        var offers = await OffersAsync(provider, project, provider.FixableDiagnosticIds);

        Assert.True(
            offers.Length == 1,
            $"Expected one diagnostic to fix, got {offers.Length}:\n  " + string.Join("\n  ", offers.Select(o => o.Diagnostic)));
        var action = Assert.Single(offers[0].Actions);
        Assert.Equal(expectedTitle, action.Title);
        Assert.False(string.IsNullOrEmpty(action.EquivalenceKey), "The fix has no equivalence key, so Fix All cannot gather it.");
        return await ApplyAsync(action, project);
    }

    /// <summary>
    /// Runs the provider's Fix All over <paramref name="scope"/>, started from the first diagnostic it fixes (as the
    /// IDE's light bulb would be), and returns the text of every document afterwards.
    /// </summary>
    public static async Task<string[]> FixAllAsync(CodeFixProvider provider, FixAllScope scope, params string[] sources)
    {
        using var workspace = new AdhocWorkspace();
        var project = CreateProject(workspace, sources);
        var offers = await OffersAsync(provider, project, provider.FixableDiagnosticIds);
        Assert.True(offers.Length > 1, $"Fix All needs several diagnostics to be a test; got {offers.Length}.");
        var first = Assert.Single(offers[0].Actions);

        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(scope, fixAll.GetSupportedFixAllScopes());
        var context = new FixAllContext(
            DocumentOf(project, offers[0].Diagnostic),
            provider,
            scope,
            first.EquivalenceKey,
            provider.FixableDiagnosticIds,
            new FixedDiagnosticProvider(offers.Select(o => o.Diagnostic).ToImmutableArray()),
            CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        return await ApplyAsync(action, project);
    }

    /// <summary>
    /// Every diagnostic with ID <paramref name="id"/> (whether the provider claims it or not) with the actions the
    /// provider registers when handed it: how a test shows a fix is offered only for its own rule.
    /// </summary>
    public static async Task<ImmutableArray<(Diagnostic Diagnostic, ImmutableArray<CodeAction> Actions)>> OffersForAsync(
        CodeFixProvider provider, string id, params string[] sources)
    {
        using var workspace = new AdhocWorkspace();
        return await OffersAsync(provider, CreateProject(workspace, sources), [id]);
    }

    private static Project CreateProject(AdhocWorkspace workspace, IReadOnlyList<string> sources)
    {
        // The harness's own options and references: the fixes see the code exactly as the diagnostic tests do.
        var template = GeneratorHarness.CreateCompilation([]);
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            GeneratorHarness.DefaultAssemblyName,
            GeneratorHarness.DefaultAssemblyName,
            LanguageNames.CSharp,
            compilationOptions: template.Options,
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: template.References));
        for (var i = 0; i < sources.Count; i++)
        {
            var name = $"Source{i}.cs";
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(sources[i]), filePath: name);
        }

        return solution.GetProject(projectId)!;
    }

    private static async Task<ImmutableArray<(Diagnostic Diagnostic, ImmutableArray<CodeAction> Actions)>> OffersAsync(
        CodeFixProvider provider, Project project, IEnumerable<string> ids)
    {
        var compilation = await project.GetCompilationAsync();
        var parseErrors = compilation!.GetParseDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(parseErrors.Count == 0, "The test snippet does not parse:\n" + string.Join("\n", parseErrors));

        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var offers = ImmutableArray.CreateBuilder<(Diagnostic, ImmutableArray<CodeAction>)>();
        foreach (var diagnostic in GeneratorHarness.RunAnalyzer(compilation).Where(d => wanted.Contains(d.Id)))
        {
            var document = DocumentOf(project, diagnostic);
            var actions = ImmutableArray.CreateBuilder<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
            offers.Add((diagnostic, actions.ToImmutable()));
        }

        return offers.ToImmutable();
    }

    private static async Task<string[]> ApplyAsync(CodeAction action, Project project)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations));
        var changed = apply.ChangedSolution.GetProject(project.Id)!;
        var texts = new string[project.DocumentIds.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            var text = await changed.Documents.Single(d => d.FilePath == $"Source{i}.cs").GetTextAsync();
            texts[i] = text.ToString();
        }

        return texts;
    }

    private static Document DocumentOf(Project project, Diagnostic diagnostic) =>
        project.Documents.Single(d => d.FilePath == diagnostic.Location.SourceTree?.FilePath);
}
