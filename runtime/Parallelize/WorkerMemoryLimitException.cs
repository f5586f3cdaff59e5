namespace Parallelize;

/// <summary>
/// A call ran out of memory under the pool's <see cref="ProcessPoolOptions.MemoryLimitBytes"/>: the worker's GC heap
/// reached its hard limit. The worker is replaced; the inner exception is the child's <see cref="OutOfMemoryException"/>.
/// </summary>
public sealed class WorkerMemoryLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkerMemoryLimitException(string message, long limitBytes, Exception? innerException)
        : base(message, innerException)
    {
        LimitBytes = limitBytes;
    }

    /// <summary>The limit the call breached, in bytes.</summary>
    public long LimitBytes { get; }
}
