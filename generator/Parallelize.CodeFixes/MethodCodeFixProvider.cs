using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Parallelize.CodeFixes
{
    /// <summary>
    /// A fix for a diagnostic reported at a <c>[RunInProcess]</c> method's name: finds the method and offers the one
    /// action the derived fix builds for it. One equivalence key per fix, so Fix All gathers every method.
    /// </summary>
    public abstract class MethodCodeFixProvider : CodeFixProvider
    {
        private readonly DiagnosticDescriptor _fixes;
        private readonly string _equivalenceKey;

        private protected MethodCodeFixProvider(DiagnosticDescriptor fixes, string equivalenceKey)
        {
            _fixes = fixes;
            _equivalenceKey = equivalenceKey;
            FixableDiagnosticIds = ImmutableArray.Create(fixes.Id);
        }

        /// <inheritdoc />
        public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

        /// <inheritdoc />
        /// <remarks>
        /// The batch fixer is right for both fixes: each edits only the declarations of its own method or types, and
        /// where two insert the same modifier at the same place its merge keeps one of the identical insertions.
        /// </remarks>
        public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                // Hosts pass only FixableDiagnosticIds; checking again keeps a wrong caller from getting a wrong fix.
                if (diagnostic.Id != _fixes.Id ||
                    await DiagnosedMethod.FindAsync(context.Document, diagnostic, context.CancellationToken)
                        .ConfigureAwait(false) is not { } found ||
                    Plan(found.Syntax, found.Symbol) is not { } plan)
                {
                    continue;
                }

                Solution solution = context.Document.Project.Solution;
                context.RegisterCodeFix(
                    CodeAction.Create(plan.Title, cancellationToken => plan.Apply(solution, cancellationToken), _equivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The fix for one method, or null when this fix cannot apply to it.</summary>
        private protected abstract FixPlan? Plan(MethodDeclarationSyntax syntax, IMethodSymbol method);

        /// <summary>A fix's title and how it changes the solution.</summary>
        private protected sealed class FixPlan
        {
            public FixPlan(string title, Func<Solution, CancellationToken, Task<Solution>> apply)
            {
                Title = title;
                Apply = apply;
            }

            public string Title { get; }

            public Func<Solution, CancellationToken, Task<Solution>> Apply { get; }
        }
    }
}
