namespace Parallelize.Execution;

/// <summary>
/// Where a caller resumes once its job is finished. While a reader thread handles a worker's frame, the jobs it
/// finishes are held; when the frame is done the reader may resume the last of them itself, which saves waking a
/// thread-pool thread (on an idle machine most of a warm round trip's cost). Everywhere else, under the pool's lock or
/// in a cancellation callback, callers resume on the thread pool, as with RunContinuationsAsynchronously.
/// </summary>
internal static class CallerResumption
{
    [ThreadStatic]
    private static List<WorkJob>? t_held;

    [ThreadStatic]
    private static bool t_holding;

    /// <summary>Has <paramref name="job"/>'s outcome published: held on a holding thread, else on the thread pool.</summary>
    public static void Schedule(WorkJob job)
    {
        if (t_holding)
        {
            (t_held ??= []).Add(job);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        }
    }

    /// <summary>Holds the jobs finished on this thread until <see cref="Release"/>.</summary>
    public static void Hold() => t_holding = true;

    /// <summary>
    /// Ends holding: every held job but the last is published on the thread pool; the last is returned for the caller to
    /// publish when <paramref name="keepLast"/>, else published on the thread pool too.
    /// </summary>
    public static WorkJob? Release(bool keepLast)
    {
        t_holding = false;
        List<WorkJob>? held = t_held;
        if (held is not { Count: > 0 })
        {
            return null;
        }

        WorkJob? kept = keepLast ? held[^1] : null;
        for (int i = 0; i < held.Count - (keepLast ? 1 : 0); i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(held[i], preferLocal: false);
        }

        held.Clear();
        return kept;
    }
}
