using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Parallelize.CodeFixes
{
    /// <summary>The <c>[RunInProcess]</c> method a diagnostic reports on: PAR0001 and PAR0201 point at its name.</summary>
    internal static class DiagnosedMethod
    {
        /// <summary>The method's declaration and symbol, or null when the document no longer has it there.</summary>
        public static async Task<(MethodDeclarationSyntax Syntax, IMethodSymbol Symbol)?> FindAsync(
            Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan) ||
                root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } syntax)
            {
                return null;
            }

            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            return model?.GetDeclaredSymbol(syntax, cancellationToken) is { } symbol ? (syntax, symbol) : null;
        }
    }
}
