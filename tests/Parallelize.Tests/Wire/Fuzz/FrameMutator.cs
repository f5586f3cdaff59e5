using System.Buffers.Binary;
using Parallelize.Protocol;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>
/// Makes fuzz inputs from valid frames: bit flips, byte replacements, truncation, extension, corrupt lengths and
/// counts, insertions and deletions, splices of two frames, and wholly random frames and bytes. Deterministic for a
/// given <see cref="Random"/>.
/// </summary>
internal static class FrameMutator
{
    /// <summary>Values at the edges of every check a length or count can meet.</summary>
    private static readonly int[] InterestingInts =
        [-1, -2, 0, 1, 2, 3, 4, 7, 8, 15, 16, 255, 256, 0xFFFF, 0x10000, 0x100000, 0x1000000, 0x10000000,
         0x3FFFFFFF, 0x40000000, 0x7FFFFFFE, int.MaxValue, int.MinValue, int.MinValue + 1];

    private static readonly byte[] InterestingBytes = [0, 1, 2, 3, 4, 5, 6, 7, 0x7F, 0x80, 0xFE, 0xFF];

    public static FuzzInput Next(Random random, IReadOnlyList<FrameSample> samples)
    {
        FrameSample sample = samples[random.Next(samples.Count)];
        int pick = random.Next(100);
        if (pick < 5)
        {
            return new FuzzInput(RandomBytes(random, random.Next(0, 64)), "random bytes", sample);
        }

        if (pick < 12)
        {
            return new FuzzInput(RandomFrame(random), "random frame", sample);
        }

        byte[] bytes = (byte[])sample.Bytes.Clone();
        string how;
        bool headerTouched = false;
        switch (random.Next(10))
        {
            case 0:
                how = FlipBits(random, bytes);
                break;
            case 1:
                how = ReplaceBytes(random, bytes);
                break;
            case 2:
                // A short stream: the header still promises the whole frame, unless it is fixed below.
                int keep = random.Next(bytes.Length);
                bytes = bytes[..keep];
                how = $"truncate to {keep}";
                break;
            case 3:
                int extra = random.Next(1, 65);
                bytes = [.. bytes, .. RandomBytes(random, extra)];
                how = $"extend by {extra}";
                break;
            case 4:
            case 5:
                how = CorruptField(random, bytes, sample.Fields, out headerTouched);
                break;
            case 6:
                how = CorruptField(random, bytes, LengthLike(bytes), out headerTouched);
                break;
            case 7:
                FrameSample other = samples[random.Next(samples.Count)];
                int cut = random.Next(bytes.Length + 1);
                int from = random.Next(other.Bytes.Length + 1);
                bytes = [.. bytes.AsSpan(0, cut), .. other.Bytes.AsSpan(from)];
                how = $"splice at {cut} with {other.Name} from {from}";
                break;
            case 8:
                int at = random.Next(bytes.Length + 1);
                int length = random.Next(1, 9);
                bytes = random.Next(2) == 0
                    ? [.. bytes.AsSpan(0, at), .. RandomBytes(random, length), .. bytes.AsSpan(at)]
                    : [.. bytes.AsSpan(0, at), .. bytes.AsSpan(Math.Min(bytes.Length, at + length))];
                how = $"insert or delete {length} at {at}";
                break;
            default:
                int start = random.Next(bytes.Length);
                int span = random.Next(1, Math.Min(64, bytes.Length - start) + 1);
                int times = random.Next(1, 4);
                byte[] repeated = [.. Enumerable.Repeat(bytes[start..(start + span)], times).SelectMany(static b => b)];
                bytes = [.. bytes.AsSpan(0, start + span), .. repeated, .. bytes.AsSpan(start + span)];
                how = $"repeat {span} bytes at {start} {times}x";
                break;
        }

        // Mostly make the header agree with the body, so the body decoders see the damage, not just the frame reader.
        if (!headerTouched && bytes.Length >= ProtocolConstants.HeaderBytes && random.Next(10) < 7)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes, bytes.Length - ProtocolConstants.HeaderBytes);
            how += ", header fixed";
        }

        return new FuzzInput(bytes, how, sample);
    }

    private static string FlipBits(Random random, byte[] bytes)
    {
        int flips = random.Next(1, 9);
        for (int i = 0; i < flips && bytes.Length > 0; i++)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        return $"flip {flips} bits";
    }

    private static string ReplaceBytes(Random random, byte[] bytes)
    {
        int count = random.Next(1, 5);
        for (int i = 0; i < count && bytes.Length > 0; i++)
        {
            bytes[random.Next(bytes.Length)] = random.Next(2) == 0
                ? InterestingBytes[random.Next(InterestingBytes.Length)]
                : (byte)random.Next(256);
        }

        return $"replace {count} bytes";
    }

    /// <summary>Sets one 32-bit field to an edge value, an off-by-a-little value, or the remaining byte count.</summary>
    private static string CorruptField(Random random, byte[] bytes, IReadOnlyList<int> offsets, out bool headerTouched)
    {
        int[] usable = [.. offsets.Where(o => o + 4 <= bytes.Length)];
        headerTouched = false;
        if (usable.Length == 0)
        {
            return "no field to corrupt";
        }

        int offset = usable[random.Next(usable.Length)];
        int old = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
        int remaining = bytes.Length - offset - 4;
        int value = random.Next(4) switch
        {
            0 => InterestingInts[random.Next(InterestingInts.Length)],
            1 => unchecked(old + random.Next(-3, 4)),
            2 => remaining + random.Next(-1, 3),
            _ => unchecked(old * (random.Next(2, 9))),
        };
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
        headerTouched = offset < ProtocolConstants.HeaderBytes;
        return $"field at {offset} from {old} to {value}";
    }

    /// <summary>Offsets whose 32 bits read as a plausible length or count: -1 (null) or at most the frame's size.</summary>
    private static int[] LengthLike(byte[] bytes)
    {
        var offsets = new List<int>();
        for (int i = 0; i + 4 <= bytes.Length; i++)
        {
            int value = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i));
            if (value >= -1 && value <= bytes.Length)
            {
                offsets.Add(i);
            }
        }

        return [.. offsets];
    }

    /// <summary>A header that matches its body, of a kind that is mostly valid, around random bytes.</summary>
    private static byte[] RandomFrame(Random random)
    {
        byte[] body = RandomBytes(random, random.Next(0, 300));
        byte[] frame = new byte[ProtocolConstants.HeaderBytes + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, body.Length);
        frame[4] = (byte)random.Next(0, 8);
        body.CopyTo(frame, ProtocolConstants.HeaderBytes);
        return frame;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
