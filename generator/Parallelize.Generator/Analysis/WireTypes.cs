using Microsoft.CodeAnalysis;
using Parallelize.Generator.Model;

namespace Parallelize.Generator.Analysis
{
    /// <summary>Decides whether the wire format carries a type, and why not when it does not.</summary>
    internal static class WireTypes
    {
        public const string PointerReason = "is a pointer";
        public const string FunctionPointerReason = "is a function pointer";
        public const string RefLikeReason = "is a by-ref-like type that cannot leave the stack";
        public const string DelegateReason = "is a delegate";
        public const string NotYetReason =
            "is not supported by the wire format yet (supported: primitives, string, decimal, enums and arrays of them)";

        /// <summary>The wire shape of <paramref name="type"/>, or null with the reason it cannot be carried.</summary>
        public static WireTypeSpec? Classify(ITypeSymbol type, out string? reason)
        {
            reason = null;
            switch (type)
            {
                case IPointerTypeSymbol:
                    reason = PointerReason;
                    return null;
                case IFunctionPointerTypeSymbol:
                    reason = FunctionPointerReason;
                    return null;
                case IArrayTypeSymbol array:
                    return ClassifyArray(array, out reason);
            }

            if (type.IsRefLikeType)
            {
                reason = RefLikeReason;
                return null;
            }

            if (type.TypeKind == TypeKind.Delegate)
            {
                reason = DelegateReason;
                return null;
            }

            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
            {
                string? suffix = PrimitiveSuffix(underlying.SpecialType);
                if (suffix is not null)
                {
                    return new WireTypeSpec(WireKind.Enum, type.ToDisplayString(TypeNames.Code), suffix,
                        underlying.ToDisplayString(TypeNames.Code), null);
                }
            }

            if (IsCancellationToken(type))
            {
                return new WireTypeSpec(WireKind.CancellationToken, "global::System.Threading.CancellationToken", "", "", null);
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return new WireTypeSpec(WireKind.String, type.ToDisplayString(TypeNames.Code), "String", "", null);
            }

            string? primitive = PrimitiveSuffix(type.SpecialType);
            if (primitive is not null)
            {
                return new WireTypeSpec(WireKind.Primitive, type.ToDisplayString(TypeNames.Code), primitive, "", null);
            }

            reason = NotYetReason;
            return null;
        }

        private static WireTypeSpec? ClassifyArray(IArrayTypeSymbol array, out string? reason)
        {
            WireTypeSpec? element = array.IsSZArray ? Classify(array.ElementType, out _) : null;
            if (element is null || element.Kind == WireKind.CancellationToken)
            {
                reason = NotYetReason;
                return null;
            }

            reason = null;
            bool blockCopy = element.Kind == WireKind.Enum ||
                (element.Kind == WireKind.Primitive && element.Primitive != "Boolean" && element.Primitive != "Decimal");
            return new WireTypeSpec(
                blockCopy ? WireKind.UnmanagedArray : WireKind.Array,
                array.ToDisplayString(TypeNames.Code),
                "",
                "",
                element);
        }

        /// <summary>True for <c>System.Threading.CancellationToken</c>, which crosses as a live link, not as bytes.</summary>
        public static bool IsCancellationToken(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "CancellationToken", Arity: 0, ContainingNamespace: { Name: "Threading" } threading } &&
            threading.ContainingNamespace is { Name: "System" } system &&
            system.ContainingNamespace.IsGlobalNamespace;

        private static string? PrimitiveSuffix(SpecialType type) => type switch
        {
            SpecialType.System_Boolean => "Boolean",
            SpecialType.System_Byte => "Byte",
            SpecialType.System_SByte => "SByte",
            SpecialType.System_Int16 => "Int16",
            SpecialType.System_UInt16 => "UInt16",
            SpecialType.System_Int32 => "Int32",
            SpecialType.System_UInt32 => "UInt32",
            SpecialType.System_Int64 => "Int64",
            SpecialType.System_UInt64 => "UInt64",
            SpecialType.System_Char => "Char",
            SpecialType.System_Single => "Single",
            SpecialType.System_Double => "Double",
            SpecialType.System_Decimal => "Decimal",
            SpecialType.System_IntPtr => "IntPtr",
            SpecialType.System_UIntPtr => "UIntPtr",
            _ => null,
        };
    }
}
