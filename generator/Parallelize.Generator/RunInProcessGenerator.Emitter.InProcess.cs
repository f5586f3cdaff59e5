using System.Linq;
using Parallelize.Generator.Helpers;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    public sealed partial class RunInProcessGenerator
    {
        internal static partial class Emitter
        {
            private const string CancellationTokenType = "global::System.Threading.CancellationToken";

            private static void WriteInProcessClass(SourceWriter writer, TypeGroupSpec group)
            {
                writer.Line("/// <summary>");
                writer.Line("/// One-line shortcuts that run the <c>[RunInProcess]</c> methods of <see cref=\"" + group.TypeFullName + "\"/> in");
                writer.Line("/// another process through <see cref=\"global::Parallelize.CallExecutor.Default\"/>.");
                writer.Line("/// </summary>");
                writer.Line(GeneratedCodeAttribute);
                writer.Open("public " + NewModifier(group) + "static class InProcess");
                for (int i = 0; i < group.Methods.Count; i++)
                {
                    MethodSpec method = group.Methods[i];
                    if (TokenParameter(method) is { } own)
                    {
                        // The caller's token goes where the method takes one, as the method declares it.
                        WriteShortcut(writer, method, ParameterList(method.Parameters), own.Name, describeToken: false);
                    }
                    else
                    {
                        // Two overloads rather than one with an optional token appended: with marked overloads Run(int)
                        // and Run(int, string s = ""), Run(1) would need a default filled in on both shortcuts (CS0121),
                        // while on the methods it binds to Run(int). The first has exactly the method's parameters, so
                        // calls without a token bind as they do on the methods; in the second a required token follows
                        // the parameters, which therefore cannot keep their defaults (CS1737).
                        WriteShortcut(writer, method, ParameterList(method.Parameters), token: null, describeToken: false);
                        writer.Line();
                        string token = TokenName(method);
                        string parameters = ParameterList(method.Parameters, withDefaults: false);
                        WriteShortcut(writer, method,
                            parameters + (parameters.Length > 0 ? ", " : "") + CancellationTokenType + " " + token,
                            token, describeToken: true);
                    }

                    if (i < group.Methods.Count - 1)
                    {
                        writer.Line();
                    }
                }

                writer.Close();
            }

            /// <summary>
            /// <c>Task&lt;long&gt; Count(long from, long to = 100) => ...RunAsync(Calls.Count(from, to));</c>, passing
            /// <paramref name="token"/> on when there is one.
            /// </summary>
            private static void WriteShortcut(
                SourceWriter writer, MethodSpec method, string parameters, string? token, bool describeToken)
            {
                string returned = method.Result.HasValue
                    ? "global::System.Threading.Tasks.Task<" + ResultTypeName(method.Result) + ">"
                    : "global::System.Threading.Tasks.Task";
                string outcome = method.Result.HasValue ? "returns its result" : "waits for it to finish";
                string cancellation = describeToken
                    ? "; cancelling <paramref name=\"" + token + "\"/> stops the call"
                    : "";
                writer.Line("/// <summary>Runs <see cref=\"" + Cref(method) + "\"/> in another process and " + outcome +
                    cancellation + ".</summary>");
                writer.Line(method.Accessibility + " static " + returned + " " + method.Name + "(" + parameters + ")");
                writer.Indentation++;
                writer.Line("=> global::Parallelize.CallExecutor.Default.RunAsync(" + method.TypeFullName + ".Calls." +
                    method.Name + "(" + ArgumentList(WireParameters(method)) + ")" + (token is null ? "" : ", " + token) + ");");
                writer.Indentation--;
            }

            /// <summary><c>cancellationToken</c>, prefixed with <c>_</c> until no parameter has that name.</summary>
            private static string TokenName(MethodSpec method)
            {
                string name = "cancellationToken";
                while (method.Parameters.Any(p => p.Name.TrimStart('@') == name))
                {
                    name = "_" + name;
                }

                return name;
            }
        }
    }
}
