using Parallelize.Protocol;

namespace Parallelize.Bulk;

/// <summary>The checks of the shared-memory options, which a dedicated child's and a pool's options share.</summary>
internal static class SharedMemoryLimits
{
    /// <summary>A threshold of at least one byte.</summary>
    public static int ValidateThreshold(int value, string name) => value >= 1
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "The threshold must be at least 1 byte.");

    /// <summary>A size between 0 (no shared memory) and <see cref="ProtocolConstants.MaxSharedMemoryLimit"/>.</summary>
    public static long ValidateSize(long value, string name) => value is >= 0 and <= ProtocolConstants.MaxSharedMemoryLimit
        ? value
        : throw new ArgumentOutOfRangeException(name, value, "The size must be between 0 and 1 TiB.");
}
