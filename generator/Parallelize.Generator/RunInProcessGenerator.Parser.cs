using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Parallelize.Generator.Analysis;
using Parallelize.Generator.Helpers;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    public sealed partial class RunInProcessGenerator
    {
        /// <summary>Turns one marked method into its model: every decision the emitter needs, as plain values.</summary>
        internal static class Parser
        {
            /// <summary>Names a call class field must not take: it would hide a member of <c>Call</c>.</summary>
            private static readonly HashSet<string> CallMemberNames = new HashSet<string>
            {
                "AssemblyName", "MethodId", "MethodName", "ObservesCancellation", "WriteArguments", "ReadResult", "ReadProgress", "Logger",
                "ToString", "Equals", "GetHashCode", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
            };

            /// <summary>The model of a valid method, or null when a rule fails (the analyzer reports why).</summary>
            public static MethodSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
            {
                if (context.TargetSymbol is not IMethodSymbol method ||
                    context.TargetNode is not MethodDeclarationSyntax syntax)
                {
                    return null;
                }

                KnownTypes known = KnownTypes.From(context.SemanticModel.Compilation);
                var wire = new WireTypeClassifier(known);
                if (!MethodRules.Check(method, syntax, wire, static _ => { }, cancellationToken))
                {
                    return null;
                }

                // The rules classified every type already; these look-ups hit the classifier's cache.
                ResultSpec result = ResultTypes.Classify(method, wire, out _, out _, out _)!;
                var parameters = new List<ParameterSpec>(method.Parameters.Length);
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    parameters.Add(ParseParameter(parameter, wire));
                }

                INamedTypeSymbol type = method.ContainingType;
                string signature = type.ToDisplayString(TypeNames.Signature) + "." + method.Name + "(" +
                    string.Join(",", method.Parameters.Select(static p => p.Type.ToDisplayString(TypeNames.Signature))) +
                    ")->" + method.ReturnType.ToDisplayString(TypeNames.Signature);

                return new MethodSpec(
                    type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
                    new EquatableArray<ContainingTypeSpec>(ContainingTypes(type)),
                    type.ToDisplayString(TypeNames.Code),
                    type.ToDisplayString(TypeNames.Signature),
                    MethodRules.HidesInheritedGeneratedMembers(type, known),
                    method.Name,
                    IsPublicApi(method) ? "public" : "internal",
                    new EquatableArray<ParameterSpec>(parameters),
                    result,
                    signature,
                    StableHash.Fnv1a(signature),
                    wire.Serializers);
            }

            private static ParameterSpec ParseParameter(IParameterSymbol parameter, WireTypeClassifier wire)
            {
                string name = SyntaxFacts.GetKeywordKind(parameter.Name) != SyntaxKind.None
                    ? "@" + parameter.Name
                    : parameter.Name;
                string field = CallMemberNames.Contains(parameter.Name) ? "__" + parameter.Name : name;
                WireTypeSpec type = wire.Classify(parameter.Type, out _)!;
                string? defaultValue = parameter.HasExplicitDefaultValue
                    ? DefaultValues.Format(parameter.Type, parameter.ExplicitDefaultValue)
                    : null;
                return new ParameterSpec(name, field, parameter.Type.ToDisplayString(TypeNames.Cref), type, defaultValue);
            }

            private static IEnumerable<ContainingTypeSpec> ContainingTypes(INamedTypeSymbol innermost)
            {
                var chain = new List<ContainingTypeSpec>();
                for (INamedTypeSymbol? type = innermost; type is not null; type = type.ContainingType)
                {
                    chain.Add(new ContainingTypeSpec(Keyword(type), type.Name));
                }

                chain.Reverse();
                return chain;
            }

            private static string Keyword(INamedTypeSymbol type) => type switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };

            /// <summary>
            /// Generated members are public only when that cannot expose a less accessible type (CS0051): the method
            /// is public and so is every type its signature carries.
            /// </summary>
            private static bool IsPublicApi(IMethodSymbol method)
            {
                if (method.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }

                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (!IsPublic(parameter.Type))
                    {
                        return false;
                    }
                }

                return IsPublic(method.ReturnType);
            }

            private static bool IsPublic(ITypeSymbol type)
            {
                switch (type)
                {
                    case IArrayTypeSymbol array:
                        return IsPublic(array.ElementType);
                    case INamedTypeSymbol named:
                        for (INamedTypeSymbol? t = named; t is not null; t = t.ContainingType)
                        {
                            if (t.DeclaredAccessibility != Accessibility.Public)
                            {
                                return false;
                            }
                        }

                        return named.TypeArguments.All(IsPublic);
                    default:
                        return true;
                }
            }
        }
    }
}
