namespace Parallelize.Sharing;

/// <summary>
/// The slow path of the async members: a wait that cannot complete at once blocks a dedicated thread on the futex
/// rather than a thread-pool thread, so many pending waits cannot starve the pool. The fast paths never get here.
/// </summary>
internal static class SharedAsync
{
    public static Task<T> Run<T>(Func<T> wait, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(wait, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
