namespace Parallelize.Native;

/// <summary>Pipes and descriptor flags for the private channel between parent and child.</summary>
internal static unsafe class FileDescriptors
{
    /// <summary>A pipe whose two ends are close-on-exec, so no child but the one we hand an end to inherits it.</summary>
    public static (int Read, int Write) CreatePipe()
    {
        int* fds = stackalloc int[2];
        NativeErrors.ThrowIfFailed(Libc.pipe2(fds, Libc.O_CLOEXEC), "pipe2");
        return (fds[0], fds[1]);
    }

    /// <summary>
    /// Returns a close-on-exec duplicate numbered at least <paramref name="minimum"/> (closing the original), or the
    /// descriptor itself if it already is: the child's dup2 onto fixed low numbers then cannot clobber a source.
    /// </summary>
    public static int MoveAtOrAbove(int fd, int minimum)
    {
        if (fd >= minimum)
        {
            return fd;
        }

        int moved = Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, minimum);
        NativeErrors.ThrowIfFailed(moved, "fcntl(F_DUPFD_CLOEXEC)");
        Libc.close(fd);
        return moved;
    }

    public static void SetCloseOnExec(int fd) =>
        NativeErrors.ThrowIfFailed(Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC), "fcntl(F_SETFD)");

    public static void Close(int fd)
    {
        if (fd >= 0)
        {
            Libc.close(fd);
        }
    }
}
