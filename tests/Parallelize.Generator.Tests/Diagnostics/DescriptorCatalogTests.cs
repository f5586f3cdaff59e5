using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Parallelize.Generator.Analysis;
using Parallelize.Generator.Diagnostics;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// Every descriptor is documented, recorded for release tracking (RS2008) and matches the contract's table, so a new
/// rule cannot ship without its docs page or with a message that drifted from what users were promised.
/// </summary>
public sealed class DescriptorCatalogTests
{
    private const string HelpLinkBase = "https://github.com/parallelize/parallelize/blob/main/docs/diagnostics/";

    /// <summary>The table of docs/dev/generator-contract.md: ID, descriptor field, severity, message format.</summary>
    public static TheoryData<string, string, DiagnosticSeverity, string> ContractTable => new()
    {
        { "PAR0001", "MethodMustBeStatic", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: it is an instance method; make it static" },
        { "PAR0002", "MethodMustNotBeGeneric", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: it is generic, and the child cannot know its type arguments" },
        { "PAR0003", "ParameterModifierNotSupported", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: parameter '{1}' is {2}" },
        { "PAR0004", "MethodMustBeAccessible", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: it is {1}, and generated code needs it internal or public" },
        { "PAR0005", "OnlyMethodsCanRunInProcess", DiagnosticSeverity.Error, "[RunInProcess] cannot mark {0}: only static methods declared in a type can run in a child process" },
        { "PAR0006", "AsyncVoidNotSupported", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: it is async void, so nobody can observe when it ends; return Task instead" },
        { "PAR0007", "MethodMustNotBeAbstractOrVirtual", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: it is static {1}, so only a type argument could say which implementation runs; make it a plain static method" },
        { "PAR0101", "ParameterTypeNotSupported", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: parameter '{1}' has type '{2}', which {3}" },
        { "PAR0102", "ReturnTypeNotSupported", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: its result type '{1}' {2}" },
        { "PAR0103", "SingleCancellationToken", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: parameters '{1}' and '{2}' are both CancellationToken, and a call has one cancellation; take one token" },
        { "PAR0104", "OverloadsDifferOnlyByToken", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: except for CancellationToken it has the same parameters as the [RunInProcess] overload '{1}', so their generated Calls and InProcess members would clash; rename one or change its parameters" },
        { "PAR0105", "SingleProgress", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: parameters '{1}' and '{2}' are both IProgress<T>, and a call reports to one IProgress; take one" },
        { "PAR0106", "SharedObjectResult", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: its result type '{1}' {2}, and a shared object cannot be a result: the child that created it may exit before the caller attaches; create it in the caller and pass it in as an argument" },
        { "PAR0107", "SingleLogger", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: parameters '{1}' and '{2}' are both ILogger, and a call's log entries go to one logger; take one" },
        { "PAR0201", "ContainingTypeMustBePartial", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: its containing type '{1}' must be partial, so the generator can add Calls and InProcess to it" },
        { "PAR0202", "ContainingTypeMustNotBeGeneric", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: its containing type '{1}' is generic, and the child cannot know its type arguments" },
        { "PAR0203", "ContainingTypeMustBeAccessible", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: its containing type '{1}' is {2}, and generated code needs it internal or public" },
        { "PAR0204", "GeneratedMemberNameTaken", DiagnosticSeverity.Error, "'{0}' cannot run in a child process: its containing type '{1}' already has a member named '{2}', which the generator needs" },
    };

    public static TheoryData<string> Ids
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var descriptor in DiagnosticDescriptors.All)
            {
                data.Add(descriptor.Id);
            }

            return data;
        }
    }

    [Fact]
    public void IdsAreUniqueAndWellFormed()
    {
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(new Regex(@"^PAR\d{4}$"), id));
    }

    [Fact]
    public void AllHoldsExactlyTheContractsDescriptors()
    {
        var expected = ContractTable.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var actual = DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(ContractTable))]
    public void DescriptorMatchesTheContract(string id, string fieldName, DiagnosticSeverity severity, string messageFormat)
    {
        var field = typeof(DiagnosticDescriptors).GetField(fieldName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.True(field is not null, $"DiagnosticDescriptors has no field '{fieldName}' for {id}.");
        Assert.True(field.IsInitOnly, $"DiagnosticDescriptors.{fieldName} should be static readonly.");
        var descriptor = Assert.IsType<DiagnosticDescriptor>(field.GetValue(null));

        Assert.Equal(id, descriptor.Id);
        Assert.Equal(severity, descriptor.DefaultSeverity);
        Assert.Equal(messageFormat, descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(descriptor.IsEnabledByDefault, $"{id} is disabled by default.");
        Assert.Contains(descriptor, DiagnosticDescriptors.All);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void DescriptorHasCategoryAndHelpLink(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        Assert.Equal("Parallelize", descriptor.Category);
        Assert.EndsWith($"docs/diagnostics/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.Equal(HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{id} has no title.");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void DescriptorHasADocsPage(string id)
    {
        var page = Path.Combine(RepoPaths.RepoRoot, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no docs page at {page}.");
        Assert.Contains(id, File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDiagnosticsIndexLinksEveryPage()
    {
        // A page the index does not link is one nobody browsing the docs finds (a help link still reaches it).
        var directory = Path.Combine(RepoPaths.RepoRoot, "docs", "diagnostics");
        var linked = IndexLinks(directory).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(directory, "*.md")
            .Select(path => Path.GetFileName(path))
            .Where(name => name != "README.md")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(pages);
        var unlinked = pages.Where(page => !linked.Contains(page)).ToList();
        Assert.True(unlinked.Count == 0, $"docs/diagnostics/README.md does not link: {string.Join(", ", unlinked)}");
    }

    [Fact]
    public void EveryLinkOfTheDiagnosticsIndexResolves()
    {
        var directory = Path.Combine(RepoPaths.RepoRoot, "docs", "diagnostics");
        var links = IndexLinks(directory).ToList();
        Assert.NotEmpty(links);
        var broken = links.Where(link => !File.Exists(Path.Combine(directory, link))).ToList();
        Assert.True(broken.Count == 0, $"docs/diagnostics/README.md links missing files: {string.Join(", ", broken)}");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void DescriptorIsRecordedForRelease(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        var generatorDirectory = Path.Combine(RepoPaths.RepoRoot, "generator", "Parallelize.Generator");
        var rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .Select(name => Path.Combine(generatorDirectory, name))
            .Where(File.Exists)
            .SelectMany(File.ReadAllLines)
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length >= 3 && cells[0] == id)
            .ToList();

        // Rule ID | Category | Severity | Notes, as RS2008 and the release tracking analyzer read it.
        Assert.True(rows.Count > 0, $"{id} is in neither AnalyzerReleases.Shipped.md nor AnalyzerReleases.Unshipped.md.");
        Assert.Contains(rows, cells => cells[1] == descriptor.Category && cells[2] == descriptor.DefaultSeverity.ToString());
    }

    [Fact]
    public void AnalyzerDeclaresExactlyTheCatalog()
    {
        var supported = new RunInProcessAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToList();
        Assert.NotEmpty(supported);
        var all = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(supported, id => Assert.Contains(id, all));

        // The analyzer reports every rule (the generator reports none), so nothing in the catalog is left out.
        Assert.Equal(all.Order(StringComparer.Ordinal), supported.Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>The relative file links of docs/diagnostics/README.md, without anchors: <c>PAR0001.md</c>, <c>../troubleshooting.md</c>.</summary>
    private static IEnumerable<string> IndexLinks(string directory) =>
        Regex.Matches(File.ReadAllText(Path.Combine(directory, "README.md")), @"\]\(([^)#\s]+)(#[^)]*)?\)")
            .Select(match => match.Groups[1].Value)
            .Where(link => !link.Contains("://", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
}
