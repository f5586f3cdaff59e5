namespace Parallelize.Bulk;

/// <summary>
/// Makes room before a large block is received into a new array. With concurrent GC (the default), the new array's
/// allocation starts a background collection and takes fresh memory at once, before the arrays received earlier are
/// freed; a first write to a fresh page costs more than copying into it (about 12 us per 4 KiB page on a VM, so ~300 ms
/// for 100 MB against ~6 ms for the copy). A blocking collection first lets the new array reuse what the caller
/// dropped. It is done only when it is cheap next to the transfer: for blocks of 16 MiB or more, and only while the
/// heap the last collection left is at most four times the block.
/// </summary>
/// <remarks>Set the AppContext switch <c>Parallelize.Bulk.NoCollectBeforeLargeReceive</c> to leave every collection to
/// the GC.</remarks>
internal static class LargeReceive
{
    public const long MinimumBytes = 16L * 1024 * 1024;

    private static readonly bool s_disabled =
        AppContext.TryGetSwitch("Parallelize.Bulk.NoCollectBeforeLargeReceive", out bool disabled) && disabled;

    /// <summary>Called before the receiver allocates for a block of <paramref name="bytes"/> in shared memory.</summary>
    public static void Prepare(long bytes)
    {
        // The heap as the last collection left it: roughly what a collection now would have to mark, garbage since aside.
        if (s_disabled || bytes < MinimumBytes || GC.GetGCMemoryInfo().HeapSizeBytes > 4 * bytes)
        {
            return;
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
    }
}
