using System.Globalization;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    public sealed partial class RunInProcessGenerator
    {
        internal static partial class Emitter
        {
            /// <summary>
            /// The statement-free expression that writes <paramref name="value"/>. Nested array lambdas name their
            /// parameters <c>w{depth}</c>/<c>v{depth}</c> so no level shadows another.
            /// </summary>
            private static string WriteExpression(WireTypeSpec type, string value, string writer, int depth)
            {
                switch (type.Kind)
                {
                    case WireKind.Primitive:
                        return writer + ".Write" + type.Primitive + "(" + value + ")";
                    case WireKind.String:
                        return writer + ".WriteString(" + value + ")";
                    case WireKind.Enum:
                        return writer + ".Write" + type.Primitive + "((" + type.UnderlyingKeyword + ")" + value + ")";
                    case WireKind.UnmanagedArray:
                        return writer + ".WriteUnmanagedArray<" + type.Element!.TypeName + ">(" + value + ")";
                    default:
                        string w = "w" + depth.ToString(CultureInfo.InvariantCulture);
                        string v = "v" + depth.ToString(CultureInfo.InvariantCulture);
                        return writer + ".WriteArray<" + type.Element!.TypeName + ">(" + value + ", static (" + w + ", " + v +
                            ") => " + WriteExpression(type.Element, v, w, depth + 1) + ")";
                }
            }

            /// <summary>The expression that reads one value of <paramref name="type"/>.</summary>
            private static string ReadExpression(WireTypeSpec type, string reader, int depth)
            {
                switch (type.Kind)
                {
                    case WireKind.Primitive:
                        return reader + ".Read" + type.Primitive + "()";
                    case WireKind.String:
                        return reader + ".ReadString()!";
                    case WireKind.Enum:
                        return "(" + type.TypeName + ")" + reader + ".Read" + type.Primitive + "()";
                    case WireKind.UnmanagedArray:
                        return reader + ".ReadUnmanagedArray<" + type.Element!.TypeName + ">()!";
                    default:
                        string r = "r" + depth.ToString(CultureInfo.InvariantCulture);
                        return reader + ".ReadArray<" + type.Element!.TypeName + ">(static (ref " + WireReaderType + " " + r +
                            ") => " + ReadExpression(type.Element, r, depth + 1) + ")!";
                }
            }

            /// <summary>A lambda that writes a <c>T</c>, for results that arrive through a task.</summary>
            private static string ItemWriterLambda(WireTypeSpec type) =>
                "static (w0, v0) => " + WriteExpression(type, "v0", "w0", 1);
        }
    }
}
