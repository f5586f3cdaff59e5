using System.Linq;
using Microsoft.CodeAnalysis;

namespace Parallelize.Generator.Analysis
{
    /// <summary>Names that identify a type without a compilation lookup, and the spelling serializers are keyed by.</summary>
    internal static class TypeIdentity
    {
        /// <summary><c>System.Collections.Generic.List`1</c> for any <c>List&lt;T&gt;</c>: the definition's metadata name.</summary>
        public static string MetadataName(INamedTypeSymbol type)
        {
            INamedTypeSymbol definition = type.OriginalDefinition;
            string name = definition.MetadataName;
            for (INamedTypeSymbol? outer = definition.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                name = outer.MetadataName + "+" + name;
            }

            INamespaceSymbol? ns = definition.ContainingNamespace;
            return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
        }

        /// <summary>
        /// The type as generated serializers spell it: <c>global::</c>-qualified, no nullable reference annotations and
        /// no tuple element names, so every spelling of one type maps to one overload (two overloads differing only in
        /// those would not compile).
        /// </summary>
        public static string Canonical(ITypeSymbol type)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return Canonical(array.ElementType) + "[]";
                case INamedTypeSymbol { IsTupleType: true } tuple when tuple.TupleElements.Length > 1:
                    return "(" + string.Join(", ", tuple.TupleElements.Select(static e => Canonical(e.Type))) + ")";
                case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                    return Canonical(nullable.TypeArguments[0]) + "?";
                case INamedTypeSymbol named when Keyword(named.SpecialType) is { } keyword:
                    return keyword;
                case INamedTypeSymbol named:
                    string prefix = named.ContainingType is { } outer
                        ? Canonical(outer) + "."
                        : named.ContainingNamespace is { IsGlobalNamespace: false } ns
                            ? "global::" + ns.ToDisplayString() + "."
                            : "global::";
                    return prefix + named.Name + (named.TypeArguments.Length == 0
                        ? ""
                        : "<" + string.Join(", ", named.TypeArguments.Select(Canonical)) + ">");
                default:
                    return type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(TypeNames.Cref);
            }
        }

        private static string? Keyword(SpecialType type) => type switch
        {
            SpecialType.System_Object => "object",
            SpecialType.System_Boolean => "bool",
            SpecialType.System_Char => "char",
            SpecialType.System_SByte => "sbyte",
            SpecialType.System_Byte => "byte",
            SpecialType.System_Int16 => "short",
            SpecialType.System_UInt16 => "ushort",
            SpecialType.System_Int32 => "int",
            SpecialType.System_UInt32 => "uint",
            SpecialType.System_Int64 => "long",
            SpecialType.System_UInt64 => "ulong",
            SpecialType.System_Decimal => "decimal",
            SpecialType.System_Single => "float",
            SpecialType.System_Double => "double",
            SpecialType.System_String => "string",
            SpecialType.System_IntPtr => "nint",
            SpecialType.System_UIntPtr => "nuint",
            _ => null,
        };
    }
}
