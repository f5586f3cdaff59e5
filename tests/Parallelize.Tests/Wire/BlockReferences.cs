using System.Buffers.Binary;
using Parallelize.Bulk;

namespace Parallelize.Tests.Wire;

/// <summary>Block references built by hand, as a corrupt or hostile peer could send them.</summary>
internal static class BlockReferences
{
    /// <summary>A reference to a block in shared memory: the marker, the count, the data's offset.</summary>
    public static byte[] Shared(int count, long offset)
    {
        byte[] message = new byte[BulkBlock.ReferenceBytes];
        BinaryPrimitives.WriteInt32LittleEndian(message, BulkBlock.SharedMarker);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), count);
        BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(8), offset);
        return message;
    }

    /// <summary>A reference to a lent block: the marker, the count, the header-only block's offset, the address.</summary>
    public static byte[] Lent(int count, long offset, nint address)
    {
        byte[] message = new byte[BulkBlock.LentReferenceBytes];
        BinaryPrimitives.WriteInt32LittleEndian(message, BulkBlock.LentMarker);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), count);
        BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(8), offset);
        BinaryPrimitives.WriteInt64LittleEndian(message.AsSpan(16), address);
        return message;
    }
}
