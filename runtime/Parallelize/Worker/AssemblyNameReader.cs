using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// Reads the assembly name every batch frame starts with. A worker sees the same one or two names over and over, so the
/// last name read is kept with its bytes and recognized by them, with no decoding and no new string. A name seen for
/// the first time in the process is widened by a plain loop when it is ASCII: the first UTF-8 decode in a fresh process
/// costs about 2 ms, on the way to a worker's first answer.
/// </summary>
internal static class AssemblyNameReader
{
    /// <summary>The last name read; replaced whole, so threads that read frames concurrently see a name and its bytes
    /// together.</summary>
    private static Known? s_last;

    /// <exception cref="ProtocolException">No name, or bytes that are not valid UTF-8.</exception>
    public static string Read(ref WireReader reader)
    {
        if (!reader.TryReadStringBytes(out ReadOnlySpan<byte> bytes))
        {
            throw new ProtocolException("A batch names no assembly.");
        }

        if (Volatile.Read(ref s_last) is { } last && bytes.SequenceEqual(last.Bytes))
        {
            return last.Name;
        }

        string name = Decode(bytes);
        Volatile.Write(ref s_last, new Known(bytes.ToArray(), name));
        return name;
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] >= 0x80)
            {
                return WireReader.DecodeUtf8(bytes);
            }

            chars[i] = (char)bytes[i];
        }

        return new string(chars);
    }

    private sealed record Known(byte[] Bytes, string Name);
}
