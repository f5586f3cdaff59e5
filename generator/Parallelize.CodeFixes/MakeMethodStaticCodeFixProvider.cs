using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Parallelize.Generator.Analysis;
using Parallelize.Generator.Diagnostics;

namespace Parallelize.CodeFixes
{
    /// <summary>
    /// Fixes PAR0001 (<c>MethodMustBeStatic</c>) by adding <c>static</c> to the <c>[RunInProcess]</c> method. Code
    /// in the method that uses the instance still has to change by hand: a child process has no object to call on.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeMethodStaticCodeFixProvider))]
    public sealed class MakeMethodStaticCodeFixProvider : MethodCodeFixProvider
    {
        /// <summary>Creates the fix.</summary>
        public MakeMethodStaticCodeFixProvider()
            : base(DiagnosticDescriptors.MethodMustBeStatic, "Parallelize.MakeMethodStatic")
        {
        }

        private protected override FixPlan? Plan(MethodDeclarationSyntax syntax, IMethodSymbol method) =>
            StaticModifier.CanAdd(syntax)
                ? new FixPlan(
                    $"Make '{TypeNames.MemberName(method)}' static",
                    (solution, cancellationToken) => StaticModifier.AddAsync(solution, method, cancellationToken))
                : null;
    }
}
