using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Parallelize.Generator.Diagnostics;

namespace Parallelize.Generator.Analysis
{
    /// <summary>
    /// Reports misuse of <c>[RunInProcess]</c>. The generator skips what this reports, so a broken method gives
    /// one clear error here instead of errors in generated code.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RunInProcessAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                KnownTypes known = KnownTypes.From(start.Compilation);
                if (known.RunInProcessAttribute is null)
                {
                    return;
                }

                start.RegisterSyntaxNodeAction(
                    node => AnalyzeMethod(node, known),
                    SyntaxKind.MethodDeclaration);
                start.RegisterSyntaxNodeAction(
                    node => AnalyzeFunction(node, known),
                    SyntaxKind.LocalFunctionStatement,
                    SyntaxKind.ParenthesizedLambdaExpression,
                    SyntaxKind.SimpleLambdaExpression);
            });
        }

        private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, KnownTypes known)
        {
            var syntax = (MethodDeclarationSyntax)context.Node;
            if (FindMark(syntax.AttributeLists, context, known) is null ||
                context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not IMethodSymbol method)
            {
                return;
            }

            MethodRules.Check(method, syntax, new WireTypeClassifier(known), context.ReportDiagnostic, context.CancellationToken);
        }

        private static void AnalyzeFunction(SyntaxNodeAnalysisContext context, KnownTypes known)
        {
            SyntaxList<AttributeListSyntax> lists = context.Node switch
            {
                LocalFunctionStatementSyntax local => local.AttributeLists,
                LambdaExpressionSyntax lambda => lambda.AttributeLists,
                _ => default,
            };

            if (FindMark(lists, context, known) is { } attribute)
            {
                context.ReportDiagnostic(MethodRules.NotAMethod(attribute, context.Node));
            }
        }

        private static AttributeSyntax? FindMark(
            SyntaxList<AttributeListSyntax> lists, SyntaxNodeAnalysisContext context, KnownTypes known)
        {
            foreach (AttributeListSyntax list in lists)
            {
                foreach (AttributeSyntax attribute in list.Attributes)
                {
                    ISymbol? constructor = context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol;
                    if (KnownTypes.Is(constructor?.ContainingType, known.RunInProcessAttribute))
                    {
                        return attribute;
                    }
                }
            }

            return null;
        }
    }
}
