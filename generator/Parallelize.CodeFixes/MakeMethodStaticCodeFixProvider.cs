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
    /// Fixes PAR0001 (<c>MethodMustBeStatic</c>) by adding <c>static</c> to the <c>[RunInProcess]</c> method. Code
    /// in the method that uses the instance still has to change by hand: a child process has no object to call on.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeMethodStaticCodeFixProvider))]
    public sealed class MakeMethodStaticCodeFixProvider : CodeFixProvider
    {
        /// <summary>One key for every method, so Fix All gathers all of them.</summary>
        private const string EquivalenceKey = "Parallelize.MakeMethodStatic";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.MethodMustBeStatic.Id);

        /// <inheritdoc />
        /// <remarks>
        /// The batch fixer is right here: each fix edits only its own method's declarations, so the fixes it merges
        /// never touch the same text.
        /// </remarks>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                // Hosts pass only FixableDiagnosticIds; checking again keeps a wrong caller from getting a wrong fix.
                if (diagnostic.Id != DiagnosticDescriptors.MethodMustBeStatic.Id ||
                    await DiagnosedMethod.FindAsync(context.Document, diagnostic, context.CancellationToken)
                        .ConfigureAwait(false) is not { } found ||
                    !StaticModifier.CanAdd(found.Syntax))
                {
                    continue;
                }

                Solution solution = context.Document.Project.Solution;
                IMethodSymbol method = found.Symbol;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{TypeNames.MemberName(method)}' static",
                        cancellationToken => StaticModifier.AddAsync(solution, method, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }
}
