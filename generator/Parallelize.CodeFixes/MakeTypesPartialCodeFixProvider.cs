using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Parallelize.Generator.Analysis;
using Parallelize.Generator.Diagnostics;

namespace Parallelize.CodeFixes
{
    /// <summary>
    /// Fixes PAR0201 (<c>ContainingTypeMustBePartial</c>) by adding <c>partial</c> to every type around the
    /// <c>[RunInProcess]</c> method that lacks it, in every document that declares one of them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTypesPartialCodeFixProvider))]
    public sealed class MakeTypesPartialCodeFixProvider : CodeFixProvider
    {
        /// <summary>One key for every method, so Fix All gathers all of them.</summary>
        private const string EquivalenceKey = "Parallelize.MakeTypesPartial";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.ContainingTypeMustBePartial.Id);

        /// <inheritdoc />
        /// <remarks>
        /// The batch fixer is right here too, although two methods of one type (or of nested types) each insert the same
        /// <c>partial</c> at the same place: its merge keeps one of two identical insertions and drops only changes
        /// that conflict, which these never do. The Fix All tests hold it to that.
        /// </remarks>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                // Hosts pass only FixableDiagnosticIds; checking again keeps a wrong caller from getting a wrong fix.
                if (diagnostic.Id != DiagnosticDescriptors.ContainingTypeMustBePartial.Id ||
                    await DiagnosedMethod.FindAsync(context.Document, diagnostic, context.CancellationToken)
                        .ConfigureAwait(false) is not { } found)
                {
                    continue;
                }

                ImmutableArray<INamedTypeSymbol> types = PartialModifier.TypesToFix(found.Symbol);
                if (types.IsEmpty)
                {
                    continue;
                }

                // Types are named as the diagnostic names them ('Outer.Inner'); several are summed up by the method.
                string title = types.Length == 1
                    ? $"Make '{types[0].ToDisplayString(TypeNames.Message)}' partial"
                    : $"Make the types containing '{TypeNames.MemberName(found.Symbol)}' partial";
                Solution solution = context.Document.Project.Solution;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        cancellationToken => PartialModifier.AddAsync(solution, types, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
