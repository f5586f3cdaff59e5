using Parallelize.Native;

namespace Parallelize.Hosting;

/// <summary>
/// A small page of memory shared by a parent and one worker (an anonymous memfd, so nothing appears in /dev/shm and
/// nothing is left behind). Before each call the worker stores which call it starts and, when the pool enforces
/// timeouts, when. A crash leaves the page readable in the parent, which then knows the one call that was running:
/// that call fails, and calls the worker had not started are sent again. One plain store per call costs nothing
/// measurable, where announcing each start over the pipe would cost a system call.
/// </summary>
internal sealed unsafe class ProgressSlot : IDisposable
{
    /// <summary>The descriptor number at which a worker inherits the page.</summary>
    public const int InheritedFd = 5;

    private const int PageBytes = 4096;
    private long* _page;

    private ProgressSlot(long* page) => _page = page;

    /// <summary>Creates a page for a new worker; <paramref name="fd"/> is handed to the child, then closed.</summary>
    public static ProgressSlot Create(out int fd)
    {
        fd = Libc.memfd_create("parallelize-progress", Libc.MFD_CLOEXEC);
        NativeErrors.ThrowIfFailed(fd, "memfd_create");
        try
        {
            NativeErrors.ThrowIfFailed(Libc.ftruncate(fd, PageBytes), "ftruncate");
            return new ProgressSlot(Map(fd));
        }
        catch
        {
            FileDescriptors.Close(fd);
            throw;
        }
    }

    /// <summary>Maps the page the parent handed this worker, then closes the descriptor.</summary>
    public static ProgressSlot AttachInherited()
    {
        try
        {
            return new ProgressSlot(Map(InheritedFd));
        }
        finally
        {
            FileDescriptors.Close(InheritedFd);
        }
    }

    /// <summary>Worker side: records that item <paramref name="index"/> of the batch <paramref name="batchId"/> starts.</summary>
    public void MarkStarted(uint batchId, int index) => Volatile.Write(ref _page[0], Pack(batchId, index));

    /// <summary>Worker side, when timeouts are enforced: the start time, on the machine-wide monotonic clock.</summary>
    public void MarkStartTime(long timestamp) => Volatile.Write(ref _page[1], timestamp);

    /// <summary>Parent side: the item the worker started last and when (0 when start times are not recorded).</summary>
    public (uint BatchId, int Index, long StartTimestamp) Read()
    {
        while (true)
        {
            long before = Volatile.Read(ref _page[0]);
            long started = Volatile.Read(ref _page[1]);
            if (Volatile.Read(ref _page[0]) == before)
            {
                return ((uint)((ulong)before >> 32), (int)(uint)before - 1, started);
            }
        }
    }

    public void Dispose()
    {
        long* page = _page;
        _page = null;
        if (page is not null)
        {
            Libc.munmap(page, PageBytes);
        }
    }

    // Index + 1, so a fresh zeroed page reads as "nothing started" (index -1).
    private static long Pack(uint batchId, int index) => (long)(((ulong)batchId << 32) | (uint)(index + 1));

    private static long* Map(int fd)
    {
        void* page = Libc.mmap(null, PageBytes, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
        if (page == (void*)-1)
        {
            NativeErrors.ThrowIfFailed(-1, "mmap");
        }

        return (long*)page;
    }
}
