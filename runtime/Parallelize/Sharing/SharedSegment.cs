using System.Runtime.InteropServices;
using Parallelize.Native;
using Parallelize.Serialization;

namespace Parallelize.Sharing;

/// <summary>
/// One memfd mapped into every process that uses a shared object, holding one or more blocks of state (a lock word, a
/// ring of queue items, an array). A handle names the creator-independent token, the block's offset, and where the
/// sending process keeps a descriptor: the receiver opens <c>/proc/&lt;pid&gt;/fd/&lt;fd&gt;</c>, which gives it the same
/// memory, checks the token, and maps it.
/// </summary>
/// <remarks>
/// memfd rather than shm_open and named semaphores (what CPython uses): the memory has no name, so a SIGKILL of any
/// user, the creator included, can leave nothing in /dev/shm, and the kernel frees it with the last descriptor or
/// mapping, without a resource-tracker process. Opening through /proc needs the same user as the sender (the kernel
/// checks ptrace read access), which a parent and its workers always are. The size is sealed at creation, so no process
/// can shrink the file under another's mapping.
/// </remarks>
internal sealed unsafe class SharedSegment
{
    /// <summary>Every block starts at a multiple of this, so no two blocks share a cache line.</summary>
    public const int BlockAlignment = 64;

    /// <summary>The segment header: magic, version, total bytes and token. Blocks follow it.</summary>
    public const int HeaderBytes = 64;

    /// <summary>The largest segment a handle may name; a larger size read from a handle is refused before mapping.</summary>
    public const long MaxBytes = 1L << 40;

    private const uint Magic = 0x5A4C_5250; // "PRLZ"
    private const int Version = 1;
    private const int HandleBytes = 1 + 4 + 4 + 16 + 8;

    private readonly long _length;
    private byte* _base;
    private int _fd;
    private int _references;

    private SharedSegment(int fd, byte* @base, long length, Guid token)
    {
        _fd = fd;
        _base = @base;
        _length = length;
        Token = token;
    }

    ~SharedSegment() => Unmap();


    /// <summary>Identifies the segment across processes, so a handle read twice in one process maps it once.</summary>
    public Guid Token { get; }

    /// <summary>The bytes of the segment, header included.</summary>
    public long Length => _length;

    /// <summary>The segment's first byte in this process.</summary>
    public byte* Base => _base;

    /// <summary>The fewest bytes a handle takes on the wire, for the generator's collection count checks.</summary>
    public static int MinHandleBytes => 1;

    /// <summary>Creates and maps a zero-filled segment with room for <paramref name="payloadBytes"/> after the header.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The system refused the memory.</exception>
    public static SharedSegment Create(long payloadBytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Cross-process primitives need Linux (memfd and futex).");
        }

        long length = HeaderBytes + AlignUp(payloadBytes);
        int fd = Libc.memfd_create("parallelize-shared", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
        NativeErrors.ThrowIfFailed(fd, "memfd_create");
        try
        {
            NativeErrors.ThrowIfFailed(Libc.ftruncate(fd, length), "ftruncate");
            NativeErrors.ThrowIfFailed(
                Libc.fcntl(fd, Libc.F_ADD_SEALS, Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_SEAL), "fcntl(F_ADD_SEALS)");
            byte* @base = Map(fd, length);
            var token = Guid.NewGuid();
            *(uint*)@base = Magic;
            *(int*)(@base + 4) = Version;
            *(long*)(@base + 8) = length;
            *(Guid*)(@base + 16) = token;
            var segment = new SharedSegment(fd, @base, length, token);
            SharedSegmentRegistry.AddReferenced(segment);
            return segment;
        }
        catch
        {
            FileDescriptors.Close(fd);
            throw;
        }
    }

    /// <summary>Rounds up to <see cref="BlockAlignment"/>.</summary>
    public static long AlignUp(long bytes) => (bytes + BlockAlignment - 1) & ~(long)(BlockAlignment - 1);

    /// <summary>Writes a block's tag and element size; the creator calls it once per block before sharing the segment.</summary>
    public void InitializeBlock(long offset, SharedKind kind, int elementSize)
    {
        *(uint*)(_base + offset) = (uint)kind;
        *(int*)(_base + offset + 4) = elementSize;
    }

    /// <summary>Counts one more object of this process that uses the segment (a second view of one segment, such as the
    /// lock of a <c>SharedValue&lt;T&gt;</c>); <see cref="Create"/> and <see cref="Read"/> already count the first.</summary>
    public void AddReference() => SharedSegmentRegistry.AddReference(this);

    /// <summary>Drops one object's use; the last one unmaps the segment and closes this process's descriptor.</summary>
    public void Release() => SharedSegmentRegistry.Release(this);

    /// <summary>The reference count, changed only under the registry's lock.</summary>
    internal int References
    {
        get => _references;
        set => _references = value;
    }

    /// <summary>Writes a handle to the block at <paramref name="offset"/>: this process's pid and descriptor, the token,
    /// the offset.</summary>
    public void WriteHandle(WireWriter writer, long offset)
    {
        ObjectDisposedException.ThrowIf(_base == null, this);
        writer.WriteBoolean(true);
        writer.WriteInt32(Environment.ProcessId);
        writer.WriteInt32(_fd);
        writer.WriteGuid(Token);
        writer.WriteInt64(offset);
    }

    /// <summary>
    /// Reads a handle and returns the segment it names, mapped in this process, with the block offset; null for a null
    /// handle. The block must carry <paramref name="kind"/> and <paramref name="elementSize"/>.
    /// </summary>
    /// <exception cref="ProtocolException">The handle is malformed or names memory that is not such a block.</exception>
    /// <exception cref="InvalidOperationException">The sending process has exited or closed its descriptor.</exception>
    /// <param name="reader">The message, at the handle.</param>
    /// <param name="kind">The block's expected tag.</param>
    /// <param name="elementSize">The block's expected element size.</param>
    /// <param name="derivedKind">A second tag to accept: that of a type derived from the one read.</param>
    public static (SharedSegment Segment, long Offset)? Read(ref WireReader reader, SharedKind kind, int elementSize,
        SharedKind? derivedKind = null)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        int pid = reader.ReadInt32();
        int fd = reader.ReadInt32();
        Guid token = reader.ReadGuid();
        long offset = reader.ReadInt64();
        SharedSegment segment = SharedSegmentRegistry.FindAndReference(token) ?? Open(pid, fd, token, kind);
        try
        {
            segment.CheckBlock(offset, derivedKind is { } derived && segment.KindAt(offset) == derived ? derived : kind, elementSize);
        }
        catch
        {
            segment.Release();
            throw;
        }

        return (segment, offset);
    }

    private static SharedSegment Open(int pid, int fd, Guid token, SharedKind kind)
    {
        if (pid <= 0 || fd < 0)
        {
            throw new ProtocolException($"A {kind} handle names process {pid}, descriptor {fd}.");
        }

        int local = Libc.open($"/proc/{pid}/fd/{fd}", Libc.O_RDWR | Libc.O_CLOEXEC);
        if (local < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            throw new InvalidOperationException(
                $"Cannot attach to a shared {kind}: process {pid}, which sent it, " +
                (error == Libc.ENOENT ? "has exited or disposed it" : $"refused access (errno {error})") +
                ". Keep the object alive in the process that passes it until the receiver has attached.");
        }

        try
        {
            long length = Libc.lseek(local, 0, Libc.SEEK_END);
            if (length < HeaderBytes || length > MaxBytes)
            {
                throw new ProtocolException($"A {kind} handle names a file of {length} bytes, which is no shared segment.");
            }

            byte* @base = Map(local, length);
            if (*(uint*)@base != Magic || *(int*)(@base + 4) != Version || *(long*)(@base + 8) != length
                || *(Guid*)(@base + 16) != token)
            {
                Libc.munmap(@base, (nuint)length);
                throw new ProtocolException($"A {kind} handle names memory that is not the segment it was sent for.");
            }

            var segment = new SharedSegment(local, @base, length, token);
            return SharedSegmentRegistry.AddReferencedOrGet(segment);
        }
        catch (ProtocolException)
        {
            FileDescriptors.Close(local);
            throw;
        }
    }

    /// <summary>The tag of the block at <paramref name="offset"/>, or 0 when the offset is outside the segment.</summary>
    internal SharedKind KindAt(long offset) => IsBlockOffset(offset) ? (SharedKind)(*(uint*)(_base + offset)) : 0;

    private bool IsBlockOffset(long offset) => offset >= HeaderBytes && offset % BlockAlignment == 0 && offset <= _length - BlockAlignment;

    /// <summary>Checks that <paramref name="offset"/> names a block of <paramref name="kind"/> with
    /// <paramref name="elementSize"/>-byte elements inside the segment.</summary>
    /// <exception cref="ProtocolException">It does not.</exception>
    internal void CheckBlock(long offset, SharedKind kind, int elementSize)
    {
        if (!IsBlockOffset(offset))
        {
            throw new ProtocolException($"A {kind} handle points at offset {offset} of a {_length}-byte segment.");
        }

        uint tag = *(uint*)(_base + offset);
        int size = *(int*)(_base + offset + 4);
        if (tag != (uint)kind || size != elementSize)
        {
            throw new ProtocolException(
                $"A handle read as {kind} with {elementSize}-byte elements names a {(SharedKind)tag} with {size}-byte elements.");
        }
    }

    private static byte* Map(int fd, long length)
    {
        void* address = Libc.mmap(null, (nuint)length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
        if (address == (void*)-1)
        {
            throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError(), "mmap failed");
        }

        return (byte*)address;
    }

    /// <summary>Unmaps the segment and closes the descriptor; the registry calls it once the last reference goes.</summary>
    internal void Unmap()
    {
        byte* @base = _base;
        _base = null;
        if (@base != null)
        {
            Libc.munmap(@base, (nuint)_length);
        }

        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            FileDescriptors.Close(fd);
        }
    }
}
