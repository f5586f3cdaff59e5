using Parallelize.Native;

namespace Parallelize.Worker;

/// <summary>
/// Tells one of the worker's threads at a time that the parent has written to the request descriptor: an epoll
/// instance with the descriptor registered one-shot, so an arrival wakes exactly one waiting thread, and no other until
/// that thread has read what arrived and re-armed it.
/// </summary>
internal sealed unsafe class ChannelReadiness
{
    /// <summary>A struct epoll_event is 12 bytes on x86-64 and 16 elsewhere; the data field is not used.</summary>
    private const int EventBytes = 16;

    private readonly int _epoll;
    private readonly int _fd;

    private ChannelReadiness(int epoll, int fd)
    {
        _epoll = epoll;
        _fd = fd;
    }

    public static ChannelReadiness Watch(int fd)
    {
        int epoll = Libc.epoll_create1(Libc.EPOLL_CLOEXEC);
        NativeErrors.ThrowIfFailed(epoll, "epoll_create1");
        var readiness = new ChannelReadiness(epoll, fd);
        readiness.Control(Libc.EPOLL_CTL_ADD);
        return readiness;
    }

    /// <summary>Blocks until the descriptor is readable (or its writer gone) and this thread is the one told.</summary>
    public void Wait()
    {
        byte* events = stackalloc byte[EventBytes];
        while (Libc.epoll_wait(_epoll, events, 1, -1) < 0)
        {
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Libc.EINTR)
            {
                throw new IOException($"epoll_wait failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}.");
            }
        }
    }

    /// <summary>Lets the next arrival (or bytes already waiting) wake a thread again.</summary>
    public void Rearm() => Control(Libc.EPOLL_CTL_MOD);

    private void Control(int operation)
    {
        byte* buffer = stackalloc byte[EventBytes];
        new Span<byte>(buffer, EventBytes).Clear();
        *(uint*)buffer = Libc.EPOLLIN | Libc.EPOLLONESHOT;
        NativeErrors.ThrowIfFailed(Libc.epoll_ctl(_epoll, operation, _fd, buffer), "epoll_ctl");
    }
}
