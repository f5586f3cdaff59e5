using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Parallelize.Generator.Helpers;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    public sealed partial class RunInProcessGenerator
    {
        internal static partial class Emitter
        {
            private const string RemoteMethodType = "global::Parallelize.RemoteMethod";

            /// <summary>
            /// Tuple element names Roslyn rejects at any position (CS8126): members of <c>System.ValueTuple</c>
            /// (<c>TupleTypeSymbol.IsTupleElementNameReserved</c>).
            /// </summary>
            private static readonly HashSet<string> ForbiddenTupleElementNames = new HashSet<string>
            {
                "CompareTo", "Deconstruct", "Equals", "GetHashCode", "Rest", "ToString",
            };

            /// <summary>The WireWriter/WireReader suffixes of numbers written as their little-endian bytes.</summary>
            private static readonly HashSet<string> RawPrimitives = new HashSet<string>
            {
                "Byte", "SByte", "Int16", "UInt16", "Char", "Half", "Int32", "UInt32", "Single", "Int64", "UInt64", "Double",
            };

            /// <summary>
            /// Methods of <c>object</c>: a property of <c>Methods</c> with one of these names hides them (CS0108),
            /// so it says <c>new</c>; a method of <c>Calls</c> overloads them instead. Not <c>Finalize</c>: a
            /// destructor is not hidden by name, and <c>new</c> there would be CS0109.
            /// </summary>
            private static readonly HashSet<string> ObjectMemberNames = new HashSet<string>
            {
                "Equals", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "ToString",
            };

            private static void WriteMethodsClass(SourceWriter writer, TypeGroupSpec group, string assemblyName)
            {
                writer.Line("/// <summary>");
                writer.Line("/// The <c>[RunInProcess]</c> methods of <see cref=\"" + group.TypeFullName + "\"/> as values, to run over many");
                writer.Line("/// arguments with <see cref=\"global::Parallelize.ProcessPool\"/> maps: no call object per item.");
                writer.Line("/// </summary>");
                writer.Line(GeneratedCodeAttribute);
                // Emitted even when empty, like Calls and InProcess: a derived type's 'new' assumes its base has all three.
                writer.Open("public " + NewModifier(group) + "static class Methods");
                MethodSpec[] eligible = group.Methods.Where(m => HasMethodValue(group, m)).ToArray();
                foreach (MethodSpec method in eligible)
                {
                    string item = WireParameters(method).Count() == 1
                        ? "each item is its argument"
                        : "each item is a tuple of its arguments";
                    writer.Line("/// <summary><see cref=\"" + Cref(method) + "\"/> as a value, to run over many items; " + item + ".</summary>");
                    writer.Line(method.Accessibility + " static " + (ObjectMemberNames.Contains(method.Name) ? "new " : "") +
                        RemoteMethodTypeName(method) + " " + method.Name + " { get; } = new " + MethodClassName(method) + "();");
                    writer.Line();
                }

                for (int i = 0; i < eligible.Length; i++)
                {
                    WriteMethodClass(writer, eligible[i], assemblyName);
                    if (i < eligible.Length - 1)
                    {
                        writer.Line();
                    }
                }

                writer.Close();
            }

            private static void WriteMethodClass(SourceWriter writer, MethodSpec method, string assemblyName)
            {
                string className = MethodClassName(method);
                writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
                writer.Open("private sealed class " + className + " : " + RemoteMethodTypeName(method));
                writer.Line("public " + className + "()");
                writer.Indentation++;
                writer.Line(": base(" + Literal(assemblyName) + ", " + IdLiteral(method.Id) + ", " +
                    Literal(method.TypeDisplayName + "." + method.Name) + ", observesCancellation: " +
                    (TokenParameter(method) is null ? "false" : "true") + ")");
                writer.Indentation--;
                writer.Open();
                writer.Close();
                writer.Line();

                ParameterSpec[] carried = WireParameters(method).ToArray();
                writer.Open("protected override void WriteArguments(" + WireWriterType + " writer, " + ArgumentsTypeName(method) + " arguments)");
                for (int i = 0; i < carried.Length; i++)
                {
                    // ItemN, not the element names: unnamed tuples have only these, and tuples of 8+ map them onto Rest.
                    string value = carried.Length == 1
                        ? "arguments"
                        : "arguments.Item" + (i + 1).ToString(CultureInfo.InvariantCulture);
                    writer.Line(WriteExpression(carried[i].Type, value, "writer", SerializersClass(assemblyName)) + ";");
                }

                writer.Close();
                writer.Line();
                WireTypeSpec result = method.Result.Value!;
                WriteReadResult(writer, result, SerializersClass(assemblyName));
                if (carried.Length == 1 && CrossesAsItsBytes(carried[0].Type))
                {
                    writer.Line();
                    writer.Line("protected override bool ArgumentsAreRawBytes => true;");
                }

                if (CrossesAsItsBytes(result))
                {
                    writer.Line();
                    writer.Line("protected override bool ResultIsRawBytes => true;");
                }

                writer.Close();
            }

            /// <summary>
            /// Whether the wire form of <paramref name="type"/> is exactly its bytes in memory on a little-endian machine:
            /// a fixed-size number (not a boolean, which the reader checks, nor a native-sized integer, always 64 bits
            /// on the wire), an enum of one, or an unmanaged struct. A map copies such arguments in one block and reads
            /// such results without a call each.
            /// </summary>
            private static bool CrossesAsItsBytes(WireTypeSpec type) =>
                type.Kind == WireKind.UnmanagedValue ||
                ((type.Kind == WireKind.Primitive || type.Kind == WireKind.Enum) && RawPrimitives.Contains(type.Primitive));

            /// <summary>
            /// Whether the method gets a <c>Methods</c> property: a map needs a result to collect and an argument per
            /// item, and a property cannot be overloaded, so marked overloads keep only their <c>Calls</c> factories.
            /// A method that takes an <c>IProgress&lt;T&gt;</c> gets none either: a map has no caller's instance per
            /// item to report to (maps report items done through <c>MapOptions.Progress</c>); a selector of
            /// <c>Calls</c> can pass one. Likewise a method that takes an <c>ILogger</c>: a selector passes the logger.
            /// </summary>
            private static bool HasMethodValue(TypeGroupSpec group, MethodSpec method) =>
                method.Result.HasValue &&
                WireParameters(method).Any() &&
                ProgressParameter(method) is null &&
                LoggerParameter(method) is null &&
                group.Methods.Count(m => m.Name == method.Name) == 1;

            /// <summary><c>__CountMethod</c>; never suffixed, as overloads get no property.</summary>
            private static string MethodClassName(MethodSpec method) => "__" + method.Name + "Method";

            /// <summary><c>global::Parallelize.RemoteMethod&lt;(long from, long to), long&gt;</c>.</summary>
            private static string RemoteMethodTypeName(MethodSpec method) =>
                RemoteMethodType + "<" + ArgumentsTypeName(method) + ", " + ResultTypeName(method.Result) + ">";

            /// <summary>
            /// The carried parameter's type when there is one, else a tuple of them named after the parameters, or
            /// unnamed when some name is not a legal element name; callers build items as <c>(1, 2)</c> either way.
            /// </summary>
            private static string ArgumentsTypeName(MethodSpec method)
            {
                ParameterSpec[] carried = WireParameters(method).ToArray();
                if (carried.Length == 1)
                {
                    return carried[0].Type.TypeName;
                }

                bool named = carried.Select((p, i) => IsTupleElementName(p.Name, i + 1)).All(static ok => ok);
                return "(" + string.Join(", ", carried.Select(p => p.Type.TypeName + (named ? " " + p.Name : ""))) + ")";
            }

            /// <summary>
            /// Roslyn's rule: no <c>ValueTuple</c> member name anywhere (CS8126), and <c>ItemN</c> only at position N
            /// (CS8125).
            /// </summary>
            private static bool IsTupleElementName(string name, int position)
            {
                string bare = name.TrimStart('@');
                return !ForbiddenTupleElementNames.Contains(bare) && (ItemPosition(bare) is not { } n || n == position);
            }

            /// <summary>3 for <c>Item3</c>; null otherwise, <c>Item0</c> and <c>Item03</c> included, as Roslyn reads it.</summary>
            private static int? ItemPosition(string name) =>
                name.StartsWith("Item", StringComparison.Ordinal) &&
                int.TryParse(name.Substring(4), NumberStyles.None, CultureInfo.InvariantCulture, out int n) &&
                n > 0 &&
                name == "Item" + n.ToString(CultureInfo.InvariantCulture)
                    ? n
                    : (int?)null;
        }
    }
}
