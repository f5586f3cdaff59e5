using Parallelize.Hosting;
using Parallelize.Native;

namespace Parallelize.Bulk;

/// <summary>
/// The shared memory through which a parent and one worker pass large blocks of unmanaged values instead of the pipe
/// (docs/dev/bulk-transfer.md): one memfd of two equal regions, the first written by the parent and read by the
/// worker, the second the other way round, so each region has one writer. Both sides map it once for the worker's
/// lifetime and blocks keep reusing the lowest offsets, so a warm call copies into pages already mapped on both sides
/// instead of taking a fault per 4 KiB (which costs more than the copy on the machines measured here).
/// </summary>
/// <remarks>
/// memfd_create rather than shm_open: the memory has no name, so nothing appears in /dev/shm, no other process can open
/// it, and the kernel frees it when the last descriptor and mapping are gone. Whichever side crashes, nothing is left
/// behind, where a named segment needs a survivor to unlink it. The worker inherits it as descriptor
/// <see cref="InheritedFd"/>, and both sides close their descriptors once mapped. Its size is fixed at creation and
/// sealed, so neither side can shrink it under the other's mapping (which would turn reads into SIGBUS); the file is
/// sparse, so the size costs address space, and memory only as pages are written.
/// </remarks>
internal sealed unsafe class BulkSegment : IDisposable
{
    /// <summary>The descriptor number at which a worker inherits the segment.</summary>
    public const int InheritedFd = ProgressSlot.InheritedFd + 1;

    /// <summary>Regions are whole huge pages, so both sides derive the same size from the same setting.</summary>
    private const long RegionGranularity = 2 * 1024 * 1024;

    private readonly long _regionBytes;
    private byte* _base;

    private BulkSegment(byte* @base, long regionBytes, int fd, bool isParent, int thresholdBytes)
    {
        _base = @base;
        _regionBytes = regionBytes;
        Fd = fd;
        byte* parentToChild = @base;
        byte* childToParent = @base + regionBytes;
        Sender = new BulkSender(isParent ? parentToChild : childToParent, regionBytes, thresholdBytes, reclaimConsumed: !isParent);
        Receiver = new BulkReceiver(isParent ? childToParent : parentToChild, regionBytes);
    }

    /// <summary>Writes this side's blocks.</summary>
    public BulkSender Sender { get; }

    /// <summary>Reads the other side's blocks.</summary>
    public BulkReceiver Receiver { get; }

    /// <summary>The parent's descriptor, owned by the segment until <see cref="TakeDescriptor"/>; -1 in a worker.</summary>
    private int Fd { get; set; }

    /// <summary>The bytes of each region for a <see cref="ChildProcessOptions.MaxSharedMemoryBytes"/> setting.</summary>
    public static long RegionBytes(long maxSharedMemoryBytes) =>
        (maxSharedMemoryBytes + RegionGranularity - 1) & ~(RegionGranularity - 1);

    /// <summary>
    /// Creates the segment for a new worker, or null when the options turn shared memory off or the system refuses it
    /// (no memfd, or an address-space limit below its size): the worker then gets every block through the pipe.
    /// </summary>
    public static BulkSegment? TryCreate(ChildProcessOptions options)
    {
        if (options.MaxSharedMemoryBytes == 0 || !OperatingSystem.IsLinux())
        {
            return null;
        }

        long regionBytes = RegionBytes(options.MaxSharedMemoryBytes);
        int fd = Libc.memfd_create("parallelize-bulk", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            NativeErrors.ThrowIfFailed(Libc.ftruncate(fd, 2 * regionBytes), "ftruncate");
            NativeErrors.ThrowIfFailed(
                Libc.fcntl(fd, Libc.F_ADD_SEALS, Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_SEAL), "fcntl(F_ADD_SEALS)");
            return new BulkSegment(Map(fd, regionBytes), regionBytes, fd, isParent: true, options.SharedMemoryThresholdBytes);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            FileDescriptors.Close(fd);
            return null;
        }
    }

    /// <summary>Maps the segment the parent handed this worker, then closes the descriptor.</summary>
    /// <exception cref="ProtocolException">The inherited descriptor is not a segment of the size the settings say.</exception>
    public static BulkSegment AttachInherited(WorkerSettings settings)
    {
        try
        {
            long regionBytes = RegionBytes(settings.MaxSharedMemoryBytes);
            long size = Libc.lseek(InheritedFd, 0, Libc.SEEK_END);
            if (size != 2 * regionBytes)
            {
                throw new ProtocolException($"The inherited shared memory has {size} bytes, not {2 * regionBytes}.");
            }

            return new BulkSegment(Map(InheritedFd, regionBytes), regionBytes, -1, isParent: false, settings.SharedMemoryThresholdBytes);
        }
        finally
        {
            FileDescriptors.Close(InheritedFd);
        }
    }

    /// <summary>Hands the parent's descriptor to the spawner, which gives it to the worker and closes it; the mapping
    /// keeps the memory.</summary>
    public int TakeDescriptor()
    {
        int fd = Fd;
        Fd = -1;
        return fd;
    }

    /// <summary>Unmaps the segment once no copy into it is in progress; the memory goes when the worker's mapping does.</summary>
    public void Dispose()
    {
        FileDescriptors.Close(TakeDescriptor());
        Sender.Close();
        byte* mapped = _base;
        _base = null;
        if (mapped is not null)
        {
            Libc.munmap(mapped, (nuint)(2 * _regionBytes));
        }
    }

    private static byte* Map(int fd, long regionBytes)
    {
        void* mapped = Libc.mmap(null, (nuint)(2 * regionBytes), Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
        if (mapped == (void*)-1)
        {
            NativeErrors.ThrowIfFailed(-1, "mmap");
        }

        return (byte*)mapped;
    }
}
