using Parallelize.Generator.Helpers;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    public sealed partial class RunInProcessGenerator
    {
        internal static partial class Emitter
        {
            private const string Collections = "global::System.Runtime.InteropServices.CollectionsMarshal";
            private const string WireCollections = "global::Parallelize.Serialization.WireCollections";

            private static void WriteBody(SourceWriter writer, SerializerSpec spec)
            {
                switch (spec.Shape)
                {
                    case SerializerShape.Array:
                    case SerializerShape.List:
                        WriteNullCollection(writer);
                        writer.Line("writer.WriteCount(value." + (spec.Shape == SerializerShape.Array ? "Length" : "Count") + ");");
                        writer.Open("foreach (var item in value)");
                        writer.Line(WriteItem(spec.Items[0], "item"));
                        writer.Close();
                        break;
                    case SerializerShape.UnmanagedList:
                        WriteNullCollection(writer);
                        writer.Line("writer.WriteUnmanagedSpan<" + spec.Items[0].CanonicalName + ">(" + Collections + ".AsSpan(value));");
                        break;
                    case SerializerShape.Sequence:
                    case SerializerShape.Set:
                    case SerializerShape.Dictionary:
                        // Enumerated once, counted as it goes: a lazy sequence is materialized, not run twice.
                        WriteNullCollection(writer);
                        writer.Line("int at = writer.ReserveCount();");
                        writer.Line("int count = 0;");
                        writer.Open("foreach (var item in value)");
                        if (spec.Shape == SerializerShape.Dictionary)
                        {
                            writer.Line(WriteItem(spec.Items[0], "item.Key"));
                            writer.Line(WriteItem(spec.Items[1], "item.Value"));
                        }
                        else
                        {
                            writer.Line(WriteItem(spec.Items[0], "item"));
                        }

                        writer.Line("count++;");
                        writer.Close();
                        writer.Line("writer.PatchCount(at, count);");
                        break;
                    case SerializerShape.UnmanagedMemory:
                        writer.Line("writer.WriteUnmanagedMemory<" + spec.Items[0].CanonicalName + ">(value);");
                        break;
                    case SerializerShape.Memory:
                        writer.Line("writer.WriteCount(value.Length);");
                        writer.Open("foreach (var item in value.Span)");
                        writer.Line(WriteItem(spec.Items[0], "item"));
                        writer.Close();
                        break;
                    default:
                        WriteValueBody(writer, spec);
                        break;
                }
            }

            private static void ReadBody(SourceWriter writer, SerializerSpec spec, WireSizes sizes)
            {
                string element = spec.Items.Count > 0 ? spec.Items[0].CanonicalName : "";
                switch (spec.Shape)
                {
                    case SerializerShape.Array:
                        ReadCount(writer, CountRead(sizes.Minimum(spec.Items[0])));
                        writer.Line("value = " + NewArray(element, "count") + ";");
                        writer.Open("for (int i = 0; i < count; i++)");
                        writer.Line(ReadItem(spec.Items[0], "item"));
                        writer.Line("value[i] = item;");
                        writer.Close();
                        break;
                    case SerializerShape.List:
                    case SerializerShape.Sequence:
                    case SerializerShape.Set:
                        ReadCount(writer, CountRead(sizes.Minimum(spec.Items[0])));
                        writer.Line("var items = new " + spec.ReadAsTypeName + "(count);");
                        writer.Open("for (int i = 0; i < count; i++)");
                        writer.Line(ReadItem(spec.Items[0], "item"));
                        writer.Line(spec.Shape == SerializerShape.Set
                            ? WireCollections + ".AddItem(items, item);"
                            : "items.Add(item);");
                        writer.Close();
                        writer.Line("value = items;");
                        break;
                    case SerializerShape.UnmanagedList:
                        ReadCount(writer, "reader.ReadUnmanagedCount<" + element + ">()");
                        writer.Line("var items = new " + spec.ReadAsTypeName + "(count);");
                        writer.Line(Collections + ".SetCount(items, count);");
                        writer.Line("reader.ReadUnmanagedItems<" + element + ">(" + Collections + ".AsSpan(items));");
                        writer.Line("value = items;");
                        break;
                    case SerializerShape.Dictionary:
                        ReadCount(writer, CountRead(sizes.Minimum(spec.Items[0]) + sizes.Minimum(spec.Items[1])));
                        writer.Line("var items = new " + spec.ReadAsTypeName + "(count);");
                        writer.Open("for (int i = 0; i < count; i++)");
                        writer.Line(ReadItem(spec.Items[0], "key"));
                        writer.Line(ReadItem(spec.Items[1], "item"));
                        writer.Line(WireCollections + ".AddEntry(items, key, item);");
                        writer.Close();
                        writer.Line("value = items;");
                        break;
                    case SerializerShape.UnmanagedMemory:
                        writer.Line("value = reader.ReadUnmanagedArray<" + element + ">();");
                        break;
                    case SerializerShape.Memory:
                        writer.Line("int count = " + CountRead(sizes.Minimum(spec.Items[0])) + ";");
                        writer.Line("var items = " + NewArray(element, "global::System.Math.Max(count, 0)") + ";");
                        writer.Open("for (int i = 0; i < items.Length; i++)");
                        writer.Line(ReadItem(spec.Items[0], "item"));
                        writer.Line("items[i] = item;");
                        writer.Close();
                        writer.Line("value = items;");
                        break;
                    default:
                        ReadValueBody(writer, spec);
                        break;
                }
            }

            /// <summary>
            /// <c>reader.ReadCount(16)</c>: the count held to what the rest of the message can hold at the item's
            /// smallest size, so a corrupt count cannot size an allocation larger than the message warrants.
            /// </summary>
            private static string CountRead(int minimumItemBytes) => minimumItemBytes > 1
                ? "reader.ReadCount(" + minimumItemBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"
                : "reader.ReadCount()";

            /// <summary>A null collection is count -1, as arrays and strings have always been.</summary>
            private static void WriteNullCollection(SourceWriter writer)
            {
                writer.Open("if (value is null)");
                writer.Line("writer.WriteCount(-1);");
                writer.Line("return;");
                writer.Close();
                writer.Line();
            }

            private static void ReadCount(SourceWriter writer, string read)
            {
                writer.Line("int count = " + read + ";");
                writer.Open("if (count < 0)");
                writer.Line("value = null;");
                writer.Line("return;");
                writer.Close();
                writer.Line();
            }
        }
    }
}
