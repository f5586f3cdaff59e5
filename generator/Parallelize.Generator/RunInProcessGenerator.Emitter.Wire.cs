using System.Text;
using Parallelize.Generator.Helpers;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    public sealed partial class RunInProcessGenerator
    {
        internal static partial class Emitter
        {
            /// <summary>
            /// <c>global::Parallelize.Generated.Serializers_My_App</c>: the assembly's serializer pairs. Named after the
            /// assembly so that two assemblies' classes never meet under InternalsVisibleTo (CS0436).
            /// </summary>
            private static string SerializersClass(string assemblyName)
            {
                var name = new StringBuilder("Serializers_");
                foreach (char c in assemblyName)
                {
                    name.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
                }

                return "global::Parallelize.Generated." + name;
            }

            /// <summary>
            /// The expression that writes <paramref name="value"/>; <paramref name="serializers"/> is the class of the
            /// generated pairs, or empty inside it.
            /// </summary>
            private static string WriteExpression(WireTypeSpec type, string value, string writer, string serializers)
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
                        return writer + ".WriteUnmanagedArray<" + type.ElementTypeName + ">(" + value + ")";
                    case WireKind.UnmanagedValue:
                        return writer + ".WriteUnmanaged<" + type.CanonicalName + ">(" + value + ")";
                    case WireKind.Progress:
                        // The instance stays with the caller; the child learns only whether anyone listens.
                        return writer + ".WriteBoolean(" + value + " is not null)";
                    case WireKind.Logger:
                        // The logger stays with the caller; the child learns the lowest level it has enabled, as the call is sent.
                        return "global::Parallelize.Dispatch.LoggerForwarding.WriteMinimumLevel(" + writer + ", " + value + ")";
                    case WireKind.Shared:
                        // A handle to the shared memory, or a null marker; the receiver attaches to the same state.
                        return writer + ".WriteShared(" + value + ")";
                    default:
                        return Qualified(serializers, "Write") + "(" + writer + ", " + value + ")";
                }
            }

            /// <summary>
            /// The expression that reads a value of an inline kind; null for a composite, which needs a statement.
            /// <paramref name="declared"/> as for <see cref="ReadStatement"/>.
            /// </summary>
            private static string? ReadExpression(WireTypeSpec type, string reader, bool declared = true)
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
                        return reader + ".ReadUnmanagedArray<" + type.ElementTypeName + ">()!";
                    case WireKind.UnmanagedValue:
                        return reader + ".ReadUnmanaged<" + type.CanonicalName + ">()";
                    case WireKind.Shared:
                        // The type's own reader attaches to the handle. A shared object is a class, so a trailing '?'
                        // is the declaration's nullable annotation, which a member access cannot spell; the type
                        // arguments keep theirs, as the parameter has them.
                        return (declared ? type.TypeName.TrimEnd('?') : type.CanonicalName) +
                            ".ReadShared(ref " + reader + ")!";
                    default:
                        return null;
                }
            }

            /// <summary>
            /// The statement that declares <paramref name="target"/> and reads it. Declarations in user-facing files
            /// use the declared spelling, so nullable annotations carry through to the call; inside the serializers
            /// the canonical one (<paramref name="declared"/> false).
            /// </summary>
            private static string ReadStatement(WireTypeSpec type, string reader, string target, string serializers, bool declared)
            {
                string? expression = ReadExpression(type, reader, declared);
                return expression is not null
                    ? "var " + target + " = " + expression + ";"
                    : Qualified(serializers, "Read") + "(ref " + reader + ", out " +
                      (declared ? type.TypeName : type.CanonicalName) + " " + target + ");";
            }

            /// <summary>The body of a <c>ReadResult</c> override: an expression body for inline kinds, a block otherwise.</summary>
            private static void WriteReadResult(SourceWriter writer, WireTypeSpec result, string serializers)
            {
                string signature = "protected override " + result.TypeName + " ReadResult(ref " + WireReaderType + " reader)";
                string? expression = ReadExpression(result, "reader");
                if (expression is not null)
                {
                    writer.Line(signature + " => " + expression + ";");
                    return;
                }

                writer.Open(signature);
                writer.Line(ReadStatement(result, "reader", "value", serializers, declared: true));
                writer.Line("return value;");
                writer.Close();
            }

            /// <summary>A lambda that writes a <c>T</c>, for results that arrive through a task.</summary>
            private static string ItemWriterLambda(WireTypeSpec type, string serializers) =>
                "static (w0, v0) => " + WriteExpression(type, "v0", "w0", serializers);

            private static string Qualified(string serializers, string member) =>
                serializers.Length == 0 ? member : serializers + "." + member;
        }
    }
}
