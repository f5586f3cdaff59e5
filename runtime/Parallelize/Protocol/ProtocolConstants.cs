namespace Parallelize.Protocol;

internal static class ProtocolConstants
{
    /// <summary>"PRLZ" little-endian: the first bytes of every child's hello.</summary>
    public const uint Magic = 0x5A4C5250;

    /// <summary>7: a large array may be lent (read from the sender's memory), and the hello says whether the child can
    /// read the parent's.</summary>
    public const ushort Version = 7;

    /// <summary>Body length (4 bytes) then kind (1 byte).</summary>
    public const int HeaderBytes = 5;

    public const int DefaultMaxFrameBytes = 64 * 1024 * 1024;

    /// <summary>From this size on a block goes through shared memory; see docs/dev/bulk-transfer.md for the measurement.</summary>
    public const int DefaultSharedMemoryThresholdBytes = 16 * 1024;

    public const long DefaultMaxSharedMemoryBytes = 1L << 30;

    /// <summary>The largest shared memory an option may ask for: address space, not memory, but not without bound.</summary>
    public const long MaxSharedMemoryLimit = 1L << 40;

    /// <summary>The build of this runtime: parent and child must run the same one.</summary>
    public static Guid RuntimeBuildId { get; } = typeof(ProtocolConstants).Module.ModuleVersionId;
}
