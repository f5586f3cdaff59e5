using System.Runtime.InteropServices;

namespace Parallelize.Native;

/// <summary>
/// The few libc calls the launch path needs. .NET's Process cannot hand a child arbitrary descriptors or keep
/// descriptors out of concurrently started children, and posix_spawn with dup2 file actions does both.
/// </summary>
internal static unsafe partial class Libc
{
    // CoreCLR maps the name "libc" to the platform's C library.
    private const string Library = "libc";

    static Libc()
    {
        // NativeAOT resolves a library name in managed code, and its first step, an OrdinalIgnoreCase search for ".so"
        // in the name, initializes globalization, which loads ICU: about 3 ms of a NativeAOT worker's 7 ms start
        // (bench/RESULTS.md), spent before its first system call. libc is already in the process, so its symbols are
        // looked up in the executable's global scope instead (dlsym), without searching for a file. A missing entry
        // point still throws EntryPointNotFoundException.
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            NativeLibrary.SetDllImportResolver(typeof(Libc).Assembly,
                static (name, _, _) => name == Library ? NativeLibrary.GetMainProgramHandle() : 0);
        }
    }

    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;
    public const int F_SETFD = 2;
    public const int F_DUPFD_CLOEXEC = 1030;
    public const int FD_CLOEXEC = 1;
    public const int WNOHANG = 1;
    public const int WEXITED = 4;
    public const int WNOWAIT = 0x01000000;
    public const int P_PID = 1;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int EINTR = 4;
    public const uint MFD_CLOEXEC = 1;
    public const uint MFD_ALLOW_SEALING = 2;
    public const int F_ADD_SEALS = 1033;
    public const int F_SEAL_SEAL = 1;
    public const int F_SEAL_SHRINK = 2;
    public const int F_SEAL_GROW = 4;
    public const int SEEK_END = 2;
    public const int PROT_READ = 1;
    public const int PROT_WRITE = 2;
    public const int MAP_SHARED = 1;
    public const int ECHILD = 10;
    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_MOD = 3;
    public const uint EPOLLIN = 0x1;
    public const uint EPOLLONESHOT = 1u << 30;
    public const int MADV_HUGEPAGE = 14;
    public const int MADV_POPULATE_WRITE = 23;
    public const int O_RDWR = 2;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EAGAIN = 11;
    public const int EPIPE = 32;
    public const int EFAULT = 14;
    public const int F_GETFL = 3;
    public const int F_SETFL = 4;
    public const int O_NONBLOCK = 0x800;
    public const short POLLOUT = 4;
    public const int ETIMEDOUT = 110;

    /// <summary>Bytes reserved for glibc's posix_spawn_file_actions_t (80 on x64) and posix_spawnattr_t (336).</summary>
    public const int SpawnStructBytes = 1024;

    /// <summary>Bytes reserved for siginfo_t (128) and sigset_t (128).</summary>
    public const int SigStructBytes = 256;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    // eventBuffer: a struct epoll_event, u32 events then u64 data (at offset 4 on x86-64, 8 elsewhere).
    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_ctl(int epfd, int operation, int fd, void* eventBuffer);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int epoll_wait(int epfd, void* events, int maxEvents, int timeout);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int poll(PollDescriptor* fds, nuint count, int timeout);

    /// <summary>Copies from another process's memory into this one's, the kernel checking ptrace access to it.</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial nint process_vm_readv(
        int pid, IoVector* localVectors, nuint localCount, IoVector* remoteVectors, nuint remoteCount, nuint flags);

    [LibraryImport(Library)]
    public static partial int madvise(void* address, nuint length, int advice);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int waitid(int idType, int id, void* info, int options);

    [LibraryImport(Library)]
    public static partial int getppid();

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int memfd_create(string name, uint flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport(Library, SetLastError = true)]
    public static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int munmap(void* address, nuint length);

    [LibraryImport(Library)]
    public static partial void _exit(int status);

    [LibraryImport(Library)]
    public static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_init(void* fileActions);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_destroy(void* fileActions);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_adddup2(void* fileActions, int fd, int newFd);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_addopen(void* fileActions, int fd, byte* path, int flags, int mode);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_addchdir_np(void* fileActions, byte* path);

    /// <summary>glibc 2.34 and later; callers fall back when the entry point is missing.</summary>
    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_addclosefrom_np(void* fileActions, int lowFd);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_init(void* attributes);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_destroy(void* attributes);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_setflags(void* attributes, short flags);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_setsigmask(void* attributes, void* signalSet);

    [LibraryImport(Library)]
    public static partial int sigemptyset(void* signalSet);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    // syscall(2) is variadic in C; integer arguments travel in the same registers either way on x64 and arm64.
    [LibraryImport(Library, SetLastError = true)]
    public static partial long syscall(long number, void* address, int operation, int value, void* timeout, void* address2, int value3);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        public nint Base;
        public nuint Length;
    }
}
