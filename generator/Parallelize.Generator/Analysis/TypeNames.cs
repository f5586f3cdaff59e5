using Microsoft.CodeAnalysis;

namespace Parallelize.Generator.Analysis
{
    /// <summary>The spellings of type names the generator needs.</summary>
    internal static class TypeNames
    {
        /// <summary><c>global::</c>-qualified with nullable annotations: what generated declarations write.</summary>
        public static readonly SymbolDisplayFormat Code = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary><c>global::</c>-qualified without annotations: what a <c>cref</c> accepts.</summary>
        public static readonly SymbolDisplayFormat Cref = SymbolDisplayFormat.FullyQualifiedFormat;

        /// <summary>Fully qualified without <c>global::</c>: the method id's source, stable under nullability edits.</summary>
        public static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.FullyQualifiedFormat
            .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

        /// <summary>The short form diagnostics show (<c>List&lt;int&gt;</c>).</summary>
        public static readonly SymbolDisplayFormat Message = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

        /// <summary><c>Outer.Inner.Method</c>: how diagnostics name a member.</summary>
        public static string MemberName(IMethodSymbol method)
        {
            string name = method.Name;
            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                name = type.Name + "." + name;
            }

            return name;
        }
    }
}
