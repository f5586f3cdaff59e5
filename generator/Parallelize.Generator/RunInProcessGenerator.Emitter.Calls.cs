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
            private const string WireWriterType = "global::Parallelize.Serialization.WireWriter";
            private const string WireReaderType = "global::Parallelize.Serialization.WireReader";
            private const string ProgressRelayType = "global::Parallelize.Dispatch.ProgressRelay";

            private static void WriteCallsClass(SourceWriter writer, TypeGroupSpec group, string assemblyName)
            {
                writer.Line("/// <summary>");
                writer.Line("/// Call values for the <c>[RunInProcess]</c> methods of <see cref=\"" + group.TypeFullName + "\"/>: run one with");
                writer.Line("/// <see cref=\"global::Parallelize.ChildProcess\"/> or any <see cref=\"global::Parallelize.ICallExecutor\"/>.");
                writer.Line("/// </summary>");
                writer.Line(GeneratedCodeAttribute);
                writer.Open("public " + NewModifier(group) + "static class Calls");

                Dictionary<MethodSpec, string> classNames = CallClassNames(group);
                foreach (MethodSpec method in group.Methods)
                {
                    writer.Line("/// <summary>A call of <see cref=\"" + Cref(method) + "\"/>, to run in another process.</summary>");
                    writer.Line(method.Accessibility + " static " + CallType(method.Result) + " " + method.Name + "(" +
                        ParameterList(WireParameters(method)) + ") => new " + classNames[method] + "(" +
                        ArgumentList(WireParameters(method)) + ");");
                    writer.Line();
                }

                for (int i = 0; i < group.Methods.Count; i++)
                {
                    MethodSpec method = group.Methods[i];
                    WriteCallClass(writer, method, classNames[method], assemblyName);
                    if (i < group.Methods.Count - 1)
                    {
                        writer.Line();
                    }
                }

                writer.Close();
            }

            private static void WriteCallClass(SourceWriter writer, MethodSpec method, string className, string assemblyName)
            {
                writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
                writer.Open("private sealed class " + className + " : " + CallType(method.Result));
                ParameterSpec[] carried = WireParameters(method).ToArray();
                foreach (ParameterSpec parameter in carried)
                {
                    writer.Line("private readonly " + parameter.Type.TypeName + " " + parameter.FieldName + ";");
                }

                if (carried.Length > 0)
                {
                    writer.Line();
                }

                string constructorParameters = string.Join(", ", carried.Select(static p => p.Type.TypeName + " " + p.Name));
                writer.Line("public " + className + "(" + constructorParameters + ")");
                writer.Indentation++;
                writer.Line(": base(" + Literal(assemblyName) + ", " + IdLiteral(method.Id) + ", " +
                    Literal(method.TypeDisplayName + "." + method.Name) +
                    (TokenParameter(method) is null ? "" : ", observesCancellation: true") + ")");
                writer.Indentation--;
                writer.Open();
                foreach (ParameterSpec parameter in carried)
                {
                    writer.Line("this." + parameter.FieldName + " = " + parameter.Name + ";");
                }

                writer.Close();
                writer.Line();
                writer.Open("protected override void WriteArguments(" + WireWriterType + " writer)");
                foreach (ParameterSpec parameter in carried)
                {
                    writer.Line(WriteExpression(parameter.Type, "this." + parameter.FieldName, "writer", SerializersClass(assemblyName)) + ";");
                }

                writer.Close();
                if (method.Result.Value is { } value)
                {
                    writer.Line();
                    WriteReadResult(writer, value, SerializersClass(assemblyName));
                }

                if (ProgressParameter(method) is { } progress)
                {
                    writer.Line();
                    WriteReadProgress(writer, progress, SerializersClass(assemblyName));
                }

                if (LoggerParameter(method) is { } logger)
                {
                    // Names the caller's logger, which the runtime logs the child's entries on.
                    writer.Line();
                    writer.Line("protected override global::Microsoft.Extensions.Logging.ILogger? Logger => this." + logger.FieldName + ";");
                }

                writer.Close();
            }

            /// <summary>
            /// Reads a value the method reported in the child and posts it to the caller's instance; the relay calls
            /// its <c>Report</c> later, off the thread that reads the worker's answers.
            /// </summary>
            private static void WriteReadProgress(SourceWriter writer, ParameterSpec progress, string serializers)
            {
                WireTypeSpec reported = progress.Type.Reported!;
                writer.Open("protected override void ReadProgress(ref " + WireReaderType + " reader, " + ProgressRelayType + " relay)");
                writer.Line(ReadStatement(reported, "reader", "value", serializers, declared: true));
                writer.Line("relay.Post<" + reported.TypeName + ">(this." + progress.FieldName + ", value);");
                writer.Close();
            }

            /// <summary><c>__CountCall</c>, or <c>__CountCall_1A2B3C4D</c> when the type marks several overloads.</summary>
            private static Dictionary<MethodSpec, string> CallClassNames(TypeGroupSpec group)
            {
                var names = new Dictionary<MethodSpec, string>();
                foreach (IGrouping<string, MethodSpec> sameName in group.Methods.GroupBy(static m => m.Name))
                {
                    bool overloaded = sameName.Count() > 1;
                    foreach (MethodSpec method in sameName)
                    {
                        names[method] = "__" + method.Name + "Call" +
                            (overloaded ? "_" + method.Id.ToString("X8", CultureInfo.InvariantCulture) : "");
                    }
                }

                return names;
            }

            private static string NewModifier(TypeGroupSpec group) => group.HidesInheritedMembers ? "new " : "";

            private static string CallType(ResultSpec result) => result.HasValue
                ? "global::Parallelize.Call<" + ResultTypeName(result) + ">"
                : "global::Parallelize.Call";

            private static string IdLiteral(uint id) => "0x" + id.ToString("X8", CultureInfo.InvariantCulture) + "u";

            private static string Literal(string text) =>
                Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);
        }
    }
}
