using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>
/// Hands Fix All the diagnostics the analyzer reported, as an IDE hands it its error list. Documents are matched by
/// file path: a workspace may reparse a tree, so tree identity is not something to rely on.
/// </summary>
internal sealed class FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
{
    public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
        Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

    // Every Parallelize rule reports in source, so no diagnostic belongs to a project alone.
    public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
        Task.FromResult(Enumerable.Empty<Diagnostic>());

    public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
        Task.FromResult(diagnostics.Where(d => project.Documents.Any(doc => doc.FilePath == d.Location.SourceTree?.FilePath)));
}
