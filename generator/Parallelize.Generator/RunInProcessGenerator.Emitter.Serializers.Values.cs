using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Parallelize.Generator.Helpers;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    public sealed partial class RunInProcessGenerator
    {
        internal static partial class Emitter
        {
            private const string SerializationException = "global::Parallelize.Serialization.WireSerializationException";

            private static void WriteValueBody(SourceWriter writer, SerializerSpec spec)
            {
                switch (spec.Shape)
                {
                    case SerializerShape.Nullable:
                        writer.Line("writer.WriteBoolean(value.HasValue);");
                        writer.Open("if (value.HasValue)");
                        writer.Line(WriteItem(spec.Items[0], "value.Value"));
                        writer.Close();
                        break;
                    case SerializerShape.ValueTuple:
                        for (int i = 0; i < spec.Items.Count; i++)
                        {
                            writer.Line(WriteItem(spec.Items[i], "value.Item" + (i + 1).ToString(CultureInfo.InvariantCulture)));
                        }

                        break;
                    case SerializerShape.Object:
                        WriteObjectBody(writer, spec);
                        break;
                    case SerializerShape.Union:
                        WriteUnionBody(writer, spec);
                        break;
                }
            }

            private static void ReadValueBody(SourceWriter writer, SerializerSpec spec)
            {
                switch (spec.Shape)
                {
                    case SerializerShape.Nullable:
                        writer.Open("if (!reader.ReadBoolean())");
                        writer.Line("value = null;");
                        writer.Line("return;");
                        writer.Close();
                        writer.Line();
                        writer.Line(ReadItem(spec.Items[0], "item"));
                        writer.Line("value = item;");
                        break;
                    case SerializerShape.ValueTuple:
                        var names = new List<string>();
                        for (int i = 0; i < spec.Items.Count; i++)
                        {
                            string name = "item" + (i + 1).ToString(CultureInfo.InvariantCulture);
                            writer.Line(ReadItem(spec.Items[i], name));
                            names.Add(name);
                        }

                        writer.Line(names.Count == 1
                            ? "value = new " + spec.TypeName + "(" + names[0] + ");"
                            : "value = (" + string.Join(", ", names) + ");");
                        break;
                    case SerializerShape.Object:
                        ReadObjectBody(writer, spec);
                        break;
                    case SerializerShape.Union:
                        ReadUnionBody(writer, spec);
                        break;
                }
            }

            private static void WriteObjectBody(SourceWriter writer, SerializerSpec spec)
            {
                if (spec.IsReferenceType)
                {
                    // The null marker, and the depth that stops a cycle.
                    writer.Open("if (!writer.TryEnter(value))");
                    writer.Line("return;");
                    writer.Close();
                    writer.Line();
                }

                if (spec.ExactTypeCheck)
                {
                    writer.Open("if (value.GetType() != typeof(" + spec.TypeName + "))");
                    writer.Line("throw " + SerializationException + ".UndeclaredType(typeof(" + spec.TypeName + "), value);");
                    writer.Close();
                    writer.Line();
                }

                foreach (MemberSpec member in spec.Members)
                {
                    writer.Line(WriteItem(member.Type, "value." + member.Name));
                }

                if (spec.IsReferenceType)
                {
                    writer.Line("writer.Exit();");
                }
            }

            private static void ReadObjectBody(SourceWriter writer, SerializerSpec spec)
            {
                if (spec.IsReferenceType)
                {
                    writer.Open("if (!reader.TryEnter())");
                    writer.Line("value = null;");
                    writer.Line("return;");
                    writer.Close();
                    writer.Line();
                }

                string[] locals = LocalNames(spec.Members);
                for (int i = 0; i < locals.Length; i++)
                {
                    writer.Line(ReadItem(spec.Members[i].Type, locals[i]));
                }

                IEnumerable<string> arguments = spec.Members
                    .Select(static (m, i) => (m.ConstructorIndex, Index: i))
                    .Where(static m => m.ConstructorIndex >= 0)
                    .OrderBy(static m => m.ConstructorIndex)
                    .Select(m => locals[m.Index]);
                string[] assignments = spec.Members
                    .Select((m, i) => (m, i))
                    .Where(static x => x.m.ConstructorIndex < 0)
                    .Select(x => x.m.Name + " = " + locals[x.i])
                    .ToArray();
                string creation = "value = new " + spec.TypeName + "(" + string.Join(", ", arguments) + ")";
                if (assignments.Length == 0)
                {
                    writer.Line(creation + ";");
                }
                else
                {
                    writer.Line(creation);
                    writer.Open();
                    foreach (string assignment in assignments)
                    {
                        writer.Line(assignment + ",");
                    }

                    writer.Close(";");
                }

                if (spec.IsReferenceType)
                {
                    writer.Line("reader.Exit();");
                }
            }

            private static void WriteUnionBody(SourceWriter writer, SerializerSpec spec)
            {
                writer.Open("if (value is null)");
                writer.Line("writer.WriteByte(0);");
                writer.Line("return;");
                writer.Close();
                writer.Line();
                // Exact types, in declaration order: the tag is the position, which both processes' builds agree on.
                writer.Line("global::System.Type type = value.GetType();");
                for (int i = 0; i < spec.Items.Count; i++)
                {
                    WireTypeSpec derived = spec.Items[i];
                    writer.Open((i == 0 ? "if" : "else if") + " (type == typeof(" + derived.CanonicalName + "))");
                    writer.Line("writer.WriteByte(" + (i + 1).ToString(CultureInfo.InvariantCulture) + ");");
                    writer.Line(WriteItem(derived, "(" + derived.CanonicalName + ")value"));
                    writer.Close();
                }

                writer.Open("else");
                writer.Line("throw " + SerializationException + ".UndeclaredType(typeof(" + spec.TypeName + "), value);");
                writer.Close();
            }

            private static void ReadUnionBody(SourceWriter writer, SerializerSpec spec)
            {
                writer.Line("byte tag = reader.ReadByte();");
                writer.Open("switch (tag)");
                writer.Line("case 0:");
                writer.Indentation++;
                writer.Line("value = null;");
                writer.Line("return;");
                writer.Indentation--;
                for (int i = 0; i < spec.Items.Count; i++)
                {
                    writer.Line("case " + (i + 1).ToString(CultureInfo.InvariantCulture) + ":");
                    writer.Open();
                    writer.Line(ReadItem(spec.Items[i], "item"));
                    writer.Line("value = item;");
                    writer.Line("return;");
                    writer.Close();
                }

                writer.Line("default:");
                writer.Indentation++;
                writer.Line("throw new global::Parallelize.ProtocolException(\"Tag \" + tag + \" names no type declared for " +
                    spec.TypeName.Replace("global::", "") + ".\");");
                writer.Indentation--;
                writer.Close();
            }

            /// <summary>
            /// Locals named after the members (<c>Name</c> → <c>name</c>), numbered when that would clash with a
            /// keyword, a name the body uses or another member.
            /// </summary>
            private static string[] LocalNames(EquatableArray<MemberSpec> members)
            {
                var used = new HashSet<string>(System.StringComparer.Ordinal) { "value", "reader", "writer", "item", "count", "type", "tag" };
                var names = new string[members.Count];
                for (int i = 0; i < names.Length; i++)
                {
                    string bare = members[i].Name.TrimStart('@');
                    string name = char.ToLowerInvariant(bare[0]) + bare.Substring(1);
                    if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ||
                        !used.Add(name))
                    {
                        name = name + "_" + i.ToString(CultureInfo.InvariantCulture);
                        used.Add(name);
                    }

                    names[i] = name;
                }

                return names;
            }
        }
    }
}
