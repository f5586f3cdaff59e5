using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Parallelize.CodeFixes
{
    /// <summary>The PAR0201 edit: <c>partial</c> on every declaration of the types around a method.</summary>
    internal static class PartialModifier
    {
        /// <summary>
        /// The types containing <paramref name="method"/>, innermost first, with a declaration that lacks
        /// <c>partial</c>. All of them, not only the one PAR0201 names: the generated file reopens every enclosing
        /// type, and fixing one at a time would only move the diagnostic outwards.
        /// </summary>
        public static ImmutableArray<INamedTypeSymbol> TypesToFix(IMethodSymbol method)
        {
            ImmutableArray<INamedTypeSymbol>.Builder types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (DeclarationsToFix(type).Any())
                {
                    types.Add(type);
                }
            }

            return types.ToImmutable();
        }

        /// <summary>
        /// Adds <c>partial</c> to every declaration of <paramref name="types"/> that lacks it, in whichever document
        /// it is: C# merges declarations into one type only when each says <c>partial</c> (CS0260).
        /// </summary>
        public static Task<Solution> AddAsync(
            Solution solution, IEnumerable<INamedTypeSymbol> types, CancellationToken cancellationToken) =>
            SolutionEdits.RewriteAsync<TypeDeclarationSyntax>(
                solution, types.SelectMany(DeclarationsToFix), Add, cancellationToken);

        /// <summary>
        /// Adds <c>partial</c> after the other modifiers, right before <c>class</c>/<c>struct</c>/<c>record</c>/<c>interface</c>,
        /// the only place C# accepts it (CS0267; <c>ref partial struct</c>, <c>readonly partial record struct</c>).
        /// </summary>
        public static TypeDeclarationSyntax Add(TypeDeclarationSyntax type) =>
            ModifierInsertion.Insert(type, type.Modifiers.Count, type.Keyword, SyntaxKind.PartialKeyword);

        private static IEnumerable<SyntaxReference> DeclarationsToFix(INamedTypeSymbol type) =>
            type.DeclaringSyntaxReferences.Where(r =>
                r.GetSyntax() is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
    }
}
