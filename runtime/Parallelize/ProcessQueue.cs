using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A first-in first-out queue shared by processes (Python's <c>multiprocessing.Queue</c>): pass it to
/// <c>[RunInProcess]</c> methods, and any number of processes and threads put and get items. Items are serialized into
/// a ring in shared memory, so a put or get moves no data through a pipe and makes no system call unless a side has to
/// wake one that sleeps.
/// </summary>
/// <typeparam name="T">The item type: anything a <c>[RunInProcess]</c> parameter can be.</typeparam>
/// <remarks>
/// <para><see cref="Close"/> differs from Python's: it closes the queue for everyone, like
/// <see cref="System.Collections.Concurrent.BlockingCollection{T}.CompleteAdding"/>: further puts fail, and getters
/// receive the items already put and then <see cref="ProcessQueueClosedException"/> (or false, or the end of
/// <see cref="ReadAllAsync"/>). Python's per-process close has no use here: there is no feeder thread to stop.</para>
/// <para>A process killed while putting loses that item; one killed while getting leaves the item for the next getter.
/// Neither blocks the others.</para>
/// </remarks>
public class ProcessQueue<T> : SharedObject, ISharedChannel<T>
{
    /// <summary>The buffer size when none is given: 1 MiB, of which only the pages items pass through use memory.</summary>
    public const int DefaultBufferBytes = 1 << 20;

    private protected readonly SharedRing Ring;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="maxCount">The most items it holds before <see cref="Put"/> waits (Python's maxsize); 0: no bound but the buffer.</param>
    /// <param name="bufferBytes">The shared buffer for serialized items, rounded up to a power of two (at least 4 KiB).
    /// An item must fit in it: a larger one fails with <see cref="ArgumentException"/>.</param>
    public ProcessQueue(int maxCount = 0, long bufferBytes = DefaultBufferBytes)
        : this(Create(maxCount, bufferBytes, joinable: false), SharedSegment.HeaderBytes)
    {
    }

    private protected ProcessQueue(SharedSegment segment, long offset)
        : base(segment, offset)
    {
        unsafe
        {
            Ring = new SharedRing(Block);
        }
    }

    /// <summary>The number of items in the queue at this moment (Python's <c>qsize()</c>).</summary>
    public int Count => Ring.Count;

    /// <summary>True when the queue holds no item at this moment.</summary>
    public bool IsEmpty => Ring.Count == 0;

    /// <summary>The bound on items, or 0 for none.</summary>
    public int MaxCount => Ring.MaxCount;

    /// <summary>The size of the shared buffer in bytes; an item takes its serialized size plus 4 to 11 bytes.</summary>
    public long BufferBytes => Ring.Capacity;

    /// <summary>True once any process has called <see cref="Close"/>.</summary>
    public bool IsClosed => Ring.IsClosed;

    /// <summary>Appends an item, waiting while the queue is full.</summary>
    /// <exception cref="ProcessQueueClosedException">The queue is closed.</exception>
    /// <exception cref="ArgumentException">The serialized item is larger than the buffer.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public void Put(T item, CancellationToken cancellationToken = default) =>
        TryPut(item, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Appends an item if there is room within <paramref name="timeout"/>; false otherwise.</summary>
    /// <param name="item">The item.</param>
    /// <param name="timeout">How long to wait for room; <see cref="TimeSpan.Zero"/> does not wait (Python's <c>put_nowait</c>).</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ProcessQueueClosedException">The queue is closed.</exception>
    /// <exception cref="ArgumentException">The serialized item is larger than the buffer.</exception>
    public bool TryPut(T item, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        Deadline deadline = Deadline.After(timeout);
        if (Ring.IsClosed)
        {
            throw Closed();
        }

        ReadOnlySpan<byte> bytes = ItemSerializer.Serialize(item);
        Ring.CheckFits(bytes.Length, "queue");
        return Ring.Put(bytes, deadline, cancellationToken);
    }

    /// <summary>Appends an item without blocking the calling thread while the queue is full.</summary>
    /// <exception cref="ProcessQueueClosedException">The queue is closed.</exception>
    public ValueTask PutAsync(T item, CancellationToken cancellationToken = default)
    {
        ValueTask<bool> put = TryPutAsync(item, Timeout.InfiniteTimeSpan, cancellationToken);
        return put.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(put.AsTask());
    }

    /// <summary>Appends an item if there is room within <paramref name="timeout"/>, without blocking the calling
    /// thread; false at the timeout (Python's <c>put(item, timeout=...)</c>, which raises <c>Full</c>).</summary>
    /// <exception cref="ProcessQueueClosedException">The queue is closed.</exception>
    public ValueTask<bool> TryPutAsync(T item, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Deadline.After(timeout); // validates before the wait moves to another thread
        if (TryPut(item, TimeSpan.Zero, cancellationToken))
        {
            return new ValueTask<bool>(true);
        }

        return timeout == TimeSpan.Zero
            ? new ValueTask<bool>(false)
            : new ValueTask<bool>(SharedAsync.Run(() => TryPut(item, timeout, cancellationToken), cancellationToken));
    }

    /// <summary>Removes and returns the oldest item, waiting while the queue is empty.</summary>
    /// <exception cref="ProcessQueueClosedException">The queue is closed and empty.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    /// <exception cref="ProtocolException">The item's bytes could not be decoded (it is dropped).</exception>
    public T Get(CancellationToken cancellationToken = default)
    {
        if (TryGet(out T? item, Timeout.InfiniteTimeSpan, cancellationToken))
        {
            return item;
        }

        throw Drained();
    }

    /// <summary>Removes and returns the oldest item, waiting at most <paramref name="timeout"/> (Python's
    /// <c>get(timeout=...)</c>, which raises <c>Empty</c>).</summary>
    /// <exception cref="TimeoutException">No item came within <paramref name="timeout"/>.</exception>
    /// <exception cref="ProcessQueueClosedException">The queue is closed and empty.</exception>
    public T Get(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (TryGet(out T? item, timeout, cancellationToken))
        {
            return item;
        }

        throw IsClosed && IsEmpty ? Drained() : new TimeoutException($"No item came within {timeout}.");
    }

    /// <summary>Removes the oldest item if one comes within <paramref name="timeout"/>; false at the timeout, or when the
    /// queue is closed and empty.</summary>
    /// <param name="item">The item, when the result is true.</param>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> does not wait (Python's <c>get_nowait</c>).</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    public bool TryGet([MaybeNullWhen(false)] out T item, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Ring.Take(WireCodec<T>.Reader, out item, Deadline.After(timeout), cancellationToken);
    }

    /// <summary>Removes the oldest item if there is one now.</summary>
    public bool TryGet([MaybeNullWhen(false)] out T item) => TryGet(out item, TimeSpan.Zero);

    /// <summary>Removes and returns the oldest item without blocking the calling thread while the queue is empty.</summary>
    /// <exception cref="ProcessQueueClosedException">The queue is closed and empty.</exception>
    public ValueTask<T> GetAsync(CancellationToken cancellationToken = default) => GetAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Removes and returns the oldest item, waiting at most <paramref name="timeout"/> without blocking the
    /// calling thread.</summary>
    /// <exception cref="TimeoutException">No item came within <paramref name="timeout"/>.</exception>
    /// <exception cref="ProcessQueueClosedException">The queue is closed and empty.</exception>
    public ValueTask<T> GetAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Deadline.After(timeout);
        if (TryGet(out T? item, TimeSpan.Zero, cancellationToken))
        {
            return new ValueTask<T>(item);
        }

        return new ValueTask<T>(SharedAsync.Run(() => Get(timeout, cancellationToken), cancellationToken));
    }

    /// <summary>Yields items as they arrive until the queue is closed and drained.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryGet(out T? item, TimeSpan.Zero, cancellationToken))
            {
                yield return item;
                continue;
            }

            if (IsClosed && IsEmpty)
            {
                yield break;
            }

            (bool got, T? next) = await SharedAsync.Run(
                () => (TryGet(out T? value, Timeout.InfiniteTimeSpan, cancellationToken), value), cancellationToken).ConfigureAwait(false);
            if (!got)
            {
                yield break;
            }

            yield return next!;
        }
    }

    /// <summary>Yields items as they arrive, blocking, until the queue is closed and drained.</summary>
    public IEnumerable<T> GetConsumingEnumerable(CancellationToken cancellationToken = default)
    {
        while (TryGet(out T? item, Timeout.InfiniteTimeSpan, cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>Closes the queue for every process: puts fail from now on, and getters drain what is left.</summary>
    public void Close()
    {
        ThrowIfDisposed();
        Ring.Close();
    }

    /// <summary>Reads a queue's handle; generated code calls it for a <see cref="ProcessQueue{T}"/> parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ProcessQueue<T>? ReadShared(ref WireReader reader) =>
        Attach(ref reader, joinable: false) is { } found ? new ProcessQueue<T>(found.Segment, found.Offset) : null;

    /// <inheritdoc/>
    public override string ToString() => $"ProcessQueue<{typeof(T).Name}> ({Count} items{(IsClosed ? ", closed" : "")})";

    private protected static unsafe (SharedSegment Segment, long Offset)? Attach(ref WireReader reader, bool joinable)
    {
        if (SharedSegment.Read(ref reader, SharedKind.Queue, 0) is not { } found)
        {
            return null;
        }

        byte* block = found.Segment.Base + found.Offset;
        string? problem = !SharedRing.IsValid(block, found.Segment.Length - found.Offset) ? "has a corrupt buffer size"
            : joinable && !new SharedRing(block).IsJoinable ? "is a plain queue, not a joinable one"
            : null;
        if (problem is not null)
        {
            found.Segment.Release();
            throw new ProtocolException($"A handle read as {(joinable ? "ProcessJoinableQueue" : "ProcessQueue")}<{typeof(T).Name}> names a queue that {problem}.");
        }

        return found;
    }

    private protected static unsafe SharedSegment Create(int maxCount, long bufferBytes, bool joinable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        long capacity = SharedRing.CapacityFor(bufferBytes);
        var segment = SharedSegment.Create(SharedRing.BlockBytes(capacity));
        long offset = SharedSegment.HeaderBytes;
        segment.InitializeBlock(offset, SharedKind.Queue, 0);
        SharedRing.Initialize(segment.Base + offset, capacity, maxCount, joinable);
        return segment;
    }

    private static ProcessQueueClosedException Closed() => new("The queue is closed: no more items can be put.");

    private static ProcessQueueClosedException Drained() => new("The queue is closed and empty: no item will come.");
}
