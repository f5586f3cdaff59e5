using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Parallelize.Generator.Analysis;

namespace Parallelize.Generator
{
    /// <summary>Spells a parameter's default value as C# source, independent of the build machine's culture.</summary>
    internal static class DefaultValues
    {
        public static string Format(ITypeSymbol type, object? value)
        {
            if (value is null && type.IsValueType)
            {
                // "= default" on a struct such as CancellationToken.
                return "default";
            }

            if (value is null)
            {
                // A null default on a non-annotated reference type compiles in the user's code with a warning
                // they chose to accept; the copy must not raise it again in generated code.
                return type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.Annotated ? "null!" : "null";
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return Cast(type.ToDisplayString(TypeNames.Code), value);
            }

            if (type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
            {
                // nint has no literal suffix, and a long constant does not convert to it implicitly.
                return Cast(type.SpecialType == SpecialType.System_IntPtr ? "nint" : "nuint", value);
            }

            return value switch
            {
                string s => SymbolDisplay.FormatLiteral(s, quote: true),
                char c => SymbolDisplay.FormatLiteral(c, quote: true),
                bool b => b ? "true" : "false",
                float f => float.IsNaN(f) ? "float.NaN"
                    : float.IsPositiveInfinity(f) ? "float.PositiveInfinity"
                    : float.IsNegativeInfinity(f) ? "float.NegativeInfinity"
                    : f.ToString("R", CultureInfo.InvariantCulture) + "f",
                double d => double.IsNaN(d) ? "double.NaN"
                    : double.IsPositiveInfinity(d) ? "double.PositiveInfinity"
                    : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
                    : Double(d),
                decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => "default",
            };
        }

        private static string Double(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            bool looksIntegral = text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0;
            return looksIntegral ? text + ".0" : text;
        }

        /// <summary>A cast around a number; parenthesised when negative, since <c>(E)-1</c> parses as a subtraction.</summary>
        private static string Cast(string typeName, object value)
        {
            string number = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";
            return "(" + typeName + ")" + (number.StartsWith("-", StringComparison.Ordinal) ? "(" + number + ")" : number);
        }
    }
}
