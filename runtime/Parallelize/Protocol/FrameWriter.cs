using System.Buffers.Binary;
using Parallelize.Serialization;

namespace Parallelize.Protocol;

/// <summary>Builds frames in a <see cref="WireWriter"/>: reserve the header, write the body, then patch the length.</summary>
internal static class FrameWriter
{
    /// <summary>Starts a frame and returns its offset for <see cref="End"/>.</summary>
    public static int Begin(WireWriter writer, FrameKind kind)
    {
        int start = writer.Length;
        writer.WriteUInt32(0);
        writer.WriteByte((byte)kind);
        return start;
    }

    /// <summary>Patches the frame's length, refusing a body over <paramref name="maxFrameBytes"/>.</summary>
    public static void End(WireWriter writer, int start, int maxFrameBytes)
    {
        int bodyLength = writer.Length - start - ProtocolConstants.HeaderBytes;
        if (bodyLength > maxFrameBytes)
        {
            throw new ProtocolException(
                $"A message of {bodyLength} bytes exceeds the limit of {maxFrameBytes} bytes (ChildProcessOptions.MaxFrameBytes).");
        }

        BinaryPrimitives.WriteInt32LittleEndian(writer.At(start, 4), bodyLength);
    }

    public static void WriteEmpty(WireWriter writer, FrameKind kind) => End(writer, Begin(writer, kind), 0);
}
