using Parallelize.Native;

namespace Parallelize.Hosting;

/// <summary>
/// Owns a child's pid: signals it and reaps it. Only this type reaps the pid, always under its lock, so a signal is
/// never sent to a reused pid, and the exit status is recorded exactly once whoever observes it first. Until then the
/// child is listed in <see cref="ChildRegistry"/>.
/// </summary>
internal sealed unsafe class ChildProcessHandle
{
    private readonly object _lock = new();
    private ExitStatus? _status;

    /// <param name="description">The child just spawned: its pid, name and pool worker id.</param>
    public ChildProcessHandle(ActiveChild description)
    {
        Description = description;
        ChildRegistry.Add(this);
    }

    public int Pid => Description.Pid;

    /// <summary>What <see cref="ProcessContext.ActiveChildren"/> reports for this child while it runs.</summary>
    public ActiveChild Description { get; }

    /// <summary>The exit status, or null while the child runs (checked without blocking).</summary>
    public ExitStatus? Status
    {
        get
        {
            lock (_lock)
            {
                return _status ?? TryReapLocked();
            }
        }
    }

    /// <summary>Sends a signal unless the child has already been reaped.</summary>
    public void Signal(int signal)
    {
        lock (_lock)
        {
            if (_status is null && TryReapLocked() is null)
            {
                Libc.kill(Pid, signal);
            }
        }
    }

    /// <summary>Blocks until the child exits, then reaps it.</summary>
    public ExitStatus WaitForExit()
    {
        // waitid with WNOWAIT blocks until the child exits without reaping it, so the lock is never held while
        // blocking and Status/Signal callers cannot race with a reap.
        byte* info = stackalloc byte[Libc.SigStructBytes];
        while (Libc.waitid(Libc.P_PID, Pid, info, Libc.WEXITED | Libc.WNOWAIT) == -1)
        {
            int error = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (error != Libc.EINTR)
            {
                break; // ECHILD: someone already reaped it, under the lock below.
            }
        }

        lock (_lock)
        {
            return _status ?? TryReapLocked() ?? ExitStatus.Unknown;
        }
    }

    private ExitStatus? TryReapLocked()
    {
        int status;
        int result = Libc.waitpid(Pid, &status, Libc.WNOHANG);
        if (result == Pid)
        {
            _status = ExitStatus.FromWaitStatus(status);
        }
        else if (result == -1 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Libc.ECHILD)
        {
            // Something else in the process reaped it (a SIGCHLD handler set to reap every child).
            _status = ExitStatus.Unknown;
        }

        if (_status is not null)
        {
            ChildRegistry.Remove(this);
        }

        return _status;
    }
}
