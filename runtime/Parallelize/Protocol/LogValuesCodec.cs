using System.Collections;
using System.Globalization;
using Parallelize.Logging;
using Parallelize.Serialization;

namespace Parallelize.Protocol;

/// <summary>
/// A logged message or scope on the wire: <c>string text, i32 count, count × (string key, value)</c>, each value
/// <c>u8 tag</c> then <c>0</c> null, <c>1</c> string, <c>2</c> bool (u8), <c>3</c> i32, <c>4</c> i64, <c>5</c> f64.
/// </summary>
/// <remarks>
/// The pairs are the structured state's (<c>{OriginalFormat}</c> and the template's named values). Values of other types
/// cross as the text they format to with the invariant culture (a collection as its items joined by ", ", as the
/// message formatter does), because the parent may not know their types and must not create them.
/// </remarks>
internal static class LogValuesCodec
{
    private const byte NullValue = 0;
    private const byte StringValue = 1;
    private const byte BooleanValue = 2;
    private const byte Int32Value = 3;
    private const byte Int64Value = 4;
    private const byte DoubleValue = 5;

    /// <summary>The fewest bytes a pair takes: a key's length and a value's tag.</summary>
    private const int MinimumPairBytes = sizeof(int) + 1;

    /// <summary>Writes <paramref name="text"/> and the pairs of <paramref name="state"/>, none when it has none.</summary>
    public static void Write(WireWriter writer, string text, object? state)
    {
        writer.WriteString(text);
        int countAt = writer.ReserveCount();
        int count = 0;
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (KeyValuePair<string, object?> pair in pairs)
            {
                writer.WriteString(pair.Key ?? string.Empty);
                WriteValue(writer, pair.Value);
                count++;
            }
        }

        writer.PatchCount(countAt, count);
    }

    /// <summary>Writes a text with no pairs.</summary>
    public static void WriteText(WireWriter writer, string text)
    {
        writer.WriteString(text);
        writer.WriteCount(0);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="ProtocolException">A count the rest of the frame cannot hold, a null key, an unknown tag.</exception>
    public static RemoteLogValues Read(ref WireReader reader)
    {
        string text = reader.ReadString() ?? string.Empty;
        int count = reader.ReadCount(MinimumPairBytes);
        if (count < 0)
        {
            throw new ProtocolException("A log entry's values have a null count.");
        }

        if (count == 0)
        {
            return text.Length == 0 ? RemoteLogValues.Empty : new RemoteLogValues(text, []);
        }

        var pairs = new KeyValuePair<string, object?>[count];
        for (int i = 0; i < count; i++)
        {
            string key = reader.ReadString() ?? throw new ProtocolException("A log entry's value has a null key.");
            pairs[i] = new KeyValuePair<string, object?>(key, ReadValue(ref reader));
        }

        return new RemoteLogValues(text, pairs);
    }

    private static void WriteValue(WireWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteByte(NullValue);
                break;
            case string text:
                writer.WriteByte(StringValue);
                writer.WriteString(text);
                break;
            case bool flag:
                writer.WriteByte(BooleanValue);
                writer.WriteBoolean(flag);
                break;
            case int number:
                writer.WriteByte(Int32Value);
                writer.WriteInt32(number);
                break;
            case long number:
                writer.WriteByte(Int64Value);
                writer.WriteInt64(number);
                break;
            case double number:
                writer.WriteByte(DoubleValue);
                writer.WriteDouble(number);
                break;
            default:
                writer.WriteByte(StringValue);
                writer.WriteString(Format(value));
                break;
        }
    }

    private static object? ReadValue(ref WireReader reader)
    {
        byte tag = reader.ReadByte();
        return tag switch
        {
            NullValue => null,
            StringValue => reader.ReadString(),
            BooleanValue => reader.ReadBoolean(),
            Int32Value => reader.ReadInt32(),
            Int64Value => reader.ReadInt64(),
            DoubleValue => reader.ReadDouble(),
            _ => throw new ProtocolException($"A log entry's value has the unknown tag {tag}."),
        };
    }

    private static string Format(object value)
    {
        if (value is IEnumerable items)
        {
            // As Microsoft.Extensions.Logging's message formatter shows a collection.
            var parts = new List<string>();
            foreach (object? item in items)
            {
                parts.Add(item is null ? "(null)" : Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty);
            }

            return string.Join(", ", parts);
        }

        return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
