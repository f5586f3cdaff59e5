using Parallelize.Serialization;

namespace Parallelize.Protocol;

/// <summary>
/// The <see cref="FrameKind.Hello"/> body, <c>u32 magic, u16 version, i32 pid, u8 flags, 16-byte runtime build id</c>:
/// written by the child as its first frame, checked by the parent before it sends anything. Flag 1 says the child can
/// read the parent's memory, so the parent may lend it blocks (<see cref="Bulk.BulkSender.TryLend{T}"/>).
/// </summary>
internal static class HelloCodec
{
    private const int BuildIdBytes = 16;

    private const byte ReadsParentFlag = 1;

    /// <summary>Appends a complete hello frame from process <paramref name="pid"/> running build <paramref name="buildId"/>.</summary>
    /// <param name="writer">Where the frame goes.</param>
    /// <param name="pid">The child's process id.</param>
    /// <param name="buildId">The child's <see cref="ProtocolConstants.RuntimeBuildId"/>.</param>
    /// <param name="readsParent">Whether the child read the parent's <see cref="Bulk.LendProbe"/>.</param>
    public static void Write(WireWriter writer, int pid, Guid buildId, bool readsParent)
    {
        int start = FrameWriter.Begin(writer, FrameKind.Hello);
        writer.WriteUInt32(ProtocolConstants.Magic);
        writer.WriteUInt16(ProtocolConstants.Version);
        writer.WriteInt32(pid);
        writer.WriteByte(readsParent ? ReadsParentFlag : (byte)0);
        buildId.TryWriteBytes(writer.Take(BuildIdBytes));
        FrameWriter.End(writer, start, int.MaxValue);
    }

    /// <summary>Accepts the hello of worker <paramref name="pid"/> only if it speaks this protocol and runs this build.</summary>
    /// <returns>Whether the worker can read the parent's memory.</returns>
    /// <exception cref="ProtocolException">Anything else: another program, protocol version, process or build.</exception>
    public static bool Check(ReadOnlySpan<byte> body, int pid)
    {
        var reader = new WireReader(body);
        uint magic = reader.ReadUInt32();
        ushort version = reader.ReadUInt16();
        int sender = reader.ReadInt32();
        byte flags = reader.ReadByte();
        if (magic != ProtocolConstants.Magic || version != ProtocolConstants.Version || sender != pid || (flags & ~ReadsParentFlag) != 0)
        {
            throw new ProtocolException(
                $"Worker process {pid} sent a malformed hello (magic 0x{magic:X8}, version {version}, pid {sender}, flags {flags}).");
        }

        // Checked before the Guid is built: its constructor throws ArgumentException, not ProtocolException, for any
        // other length, and that would end the parent's reader thread, and with it the parent.
        ReadOnlySpan<byte> id = reader.ReadToEnd();
        if (id.Length != BuildIdBytes)
        {
            throw new ProtocolException($"Worker process {pid} sent a hello with a build id of {id.Length} bytes instead of {BuildIdBytes}.");
        }

        var buildId = new Guid(id);
        if (buildId != ProtocolConstants.RuntimeBuildId)
        {
            throw new ProtocolException(
                $"Worker process {pid} runs a different build of Parallelize ({buildId}) than the parent ({ProtocolConstants.RuntimeBuildId}).");
        }

        return flags == ReadsParentFlag;
    }
}
