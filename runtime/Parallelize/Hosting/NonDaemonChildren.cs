namespace Parallelize.Hosting;

/// <summary>
/// The non-daemon children still running (<see cref="ChildProcessOptions.Daemon"/> false), which this process waits
/// for when it exits normally, as Python joins its non-daemonic children at exit. The wait hooks
/// <see cref="AppDomain.ProcessExit"/> on first use, so processes that start none pay nothing.
/// </summary>
/// <remarks>
/// The wait has no timeout, as in Python: a child that never finishes keeps the process from exiting until something
/// kills it. While the process waits, its channels to its children stay open, so the children keep running, daemon
/// ones too; those end when the process does. An exit that skips <see cref="AppDomain.ProcessExit"/> (SIGKILL, a
/// crash, <see cref="Environment.FailFast(string)"/>, and since .NET 10 a SIGTERM the application does not handle)
/// waits for nothing, and every child then dies with the process.
/// </remarks>
internal static class NonDaemonChildren
{
    private static readonly HashSet<Task> Running = [];
    private static bool s_hooked;

    /// <summary>Waits for the child at exit unless <paramref name="exited"/> has completed by then.</summary>
    /// <param name="exited">Completes once the child has exited and been reaped.</param>
    public static void Track(Task exited)
    {
        lock (Running)
        {
            if (!s_hooked)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => JoinAll();
                s_hooked = true;
            }

            Running.Add(exited);
        }

        // So a long-lived process that starts many short children holds on to none of them.
        exited.ContinueWith(static (done, _) => Forget(done), null, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void Forget(Task exited)
    {
        lock (Running)
        {
            Running.Remove(exited);
        }
    }

    /// <summary>Waits for every child tracked, including any started by other threads while it waited.</summary>
    private static void JoinAll()
    {
        while (true)
        {
            Task[] children;
            lock (Running)
            {
                children = [.. Running];
                Running.Clear();
            }

            if (children.Length == 0)
            {
                return;
            }

            // The exit tasks only ever complete with a status, never fault: nothing to catch.
            Task.WaitAll(children);
        }
    }
}
