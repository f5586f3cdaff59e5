using System.ComponentModel;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A <see cref="ProcessQueue{T}"/> that counts unfinished items (Python's <c>JoinableQueue</c>): every put adds one,
/// every <see cref="TaskDone"/> removes one, and <see cref="Join(CancellationToken)"/> waits until none is left.
/// </summary>
/// <typeparam name="T">The item type: anything a <c>[RunInProcess]</c> parameter can be.</typeparam>
public sealed class ProcessJoinableQueue<T> : ProcessQueue<T>
{
    /// <summary>Creates an empty joinable queue.</summary>
    /// <param name="maxCount">The most items it holds before a put waits; 0: no bound but the buffer.</param>
    /// <param name="bufferBytes">The shared buffer for serialized items, rounded up to a power of two.</param>
    public ProcessJoinableQueue(int maxCount = 0, long bufferBytes = DefaultBufferBytes)
        : base(Create(maxCount, bufferBytes, joinable: true), SharedSegment.HeaderBytes)
    {
    }

    private ProcessJoinableQueue(SharedSegment segment, long offset)
        : base(segment, offset)
    {
    }

    /// <summary>Items put and not yet marked done.</summary>
    public int UnfinishedCount => Ring.UnfinishedCount;

    /// <summary>Marks one item taken from the queue as processed (Python's <c>task_done()</c>).</summary>
    /// <exception cref="InvalidOperationException">Called more times than items were put.</exception>
    public void TaskDone()
    {
        ThrowIfDisposed();
        Ring.TaskDone();
    }

    /// <summary>Waits until every item put has been marked done.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public void Join(CancellationToken cancellationToken = default) => Join(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Waits until every item put has been marked done; false if some remain after <paramref name="timeout"/>.</summary>
    public bool Join(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Ring.Join(Deadline.After(timeout), cancellationToken);
    }

    /// <summary>Waits until every item put has been marked done, without blocking the calling thread.</summary>
    public Task JoinAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Ring.UnfinishedCount == 0
            ? Task.CompletedTask
            : SharedAsync.Run(() => Join(Timeout.InfiniteTimeSpan, cancellationToken), cancellationToken);
    }

    /// <summary>Reads a joinable queue's handle; generated code calls it for a parameter of this type.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static new ProcessJoinableQueue<T>? ReadShared(ref WireReader reader) =>
        Attach(ref reader, joinable: true) is { } found ? new ProcessJoinableQueue<T>(found.Segment, found.Offset) : null;
}
