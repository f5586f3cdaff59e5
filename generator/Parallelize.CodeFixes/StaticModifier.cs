using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Parallelize.CodeFixes
{
    /// <summary>The PAR0001 edit: <c>static</c> on a method, where the .NET style puts it.</summary>
    internal static class StaticModifier
    {
        /// <summary>
        /// False when <c>static</c> alone would not give a method that compiles: abstract (also a body-less interface
        /// member), virtual, override and readonly methods, and explicit interface implementations, need a decision
        /// the fix cannot make.
        /// </summary>
        public static bool CanAdd(MethodDeclarationSyntax method)
        {
            SyntaxTokenList modifiers = method.Modifiers;
            bool abstractInInterface = method.Body is null && method.ExpressionBody is null &&
                !modifiers.Any(SyntaxKind.PartialKeyword) && !modifiers.Any(SyntaxKind.ExternKeyword);
            return method.ExplicitInterfaceSpecifier is null && !abstractInInterface &&
                !modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.AbstractKeyword) ||
                    m.IsKind(SyntaxKind.VirtualKeyword) || m.IsKind(SyntaxKind.OverrideKeyword) ||
                    m.IsKind(SyntaxKind.ReadOnlyKeyword));
        }

        /// <summary>
        /// Makes every declaration of <paramref name="method"/> static: both parts of a partial method must agree
        /// (CS0763), and they may be in different documents.
        /// </summary>
        public static Task<Solution> AddAsync(Solution solution, IMethodSymbol method, CancellationToken cancellationToken)
        {
            IMethodSymbol[] parts = { method, method.PartialDefinitionPart ?? method, method.PartialImplementationPart ?? method };
            return SolutionEdits.RewriteAsync<MethodDeclarationSyntax>(
                solution, parts.SelectMany(p => p.DeclaringSyntaxReferences), Add, cancellationToken);
        }

        /// <summary>Adds <c>static</c> after the accessibility modifiers and before the rest (<c>async</c>, <c>new</c>, ...).</summary>
        public static MethodDeclarationSyntax Add(MethodDeclarationSyntax method)
        {
            // The default order of IDE0036 (csharp_preferred_modifier_order) puts static right after accessibility.
            SyntaxTokenList modifiers = method.Modifiers;
            int index = 0;
            for (int i = 0; i < modifiers.Count; i++)
            {
                if (SyntaxFacts.IsAccessibilityModifier(modifiers[i].Kind()))
                {
                    index = i + 1;
                }
            }

            SyntaxToken next = index < modifiers.Count ? modifiers[index] : method.ReturnType.GetFirstToken();
            return ModifierInsertion.Insert(method, index, next, SyntaxKind.StaticKeyword);
        }
    }
}
