using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Parallelize.Generator.Analysis;
using Parallelize.Generator.Diagnostics;

namespace Parallelize.CodeFixes
{
    /// <summary>
    /// Fixes PAR0201 (<c>ContainingTypeMustBePartial</c>) by adding <c>partial</c> to every type around the
    /// <c>[RunInProcess]</c> method that lacks it, in every document that declares one of them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTypesPartialCodeFixProvider))]
    public sealed class MakeTypesPartialCodeFixProvider : MethodCodeFixProvider
    {
        /// <summary>Creates the fix.</summary>
        public MakeTypesPartialCodeFixProvider()
            : base(DiagnosticDescriptors.ContainingTypeMustBePartial, "Parallelize.MakeTypesPartial")
        {
        }

        private protected override FixPlan? Plan(MethodDeclarationSyntax syntax, IMethodSymbol method)
        {
            ImmutableArray<INamedTypeSymbol> types = PartialModifier.TypesToFix(method);
            if (types.IsEmpty)
            {
                return null;
            }

            // Types are named as the diagnostic names them ('Outer.Inner'); several are summed up by the method.
            string title = types.Length == 1
                ? $"Make '{types[0].ToDisplayString(TypeNames.Message)}' partial"
                : $"Make the types containing '{TypeNames.MemberName(method)}' partial";
            return new FixPlan(title, (solution, cancellationToken) => PartialModifier.AddAsync(solution, types, cancellationToken));
        }
    }
}
