using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Parallelize.Native;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// One end of a duplex pipe between processes (Python's <c>Connection</c> from <c>Pipe()</c>), made by
/// <see cref="ProcessPipe.Create{T}"/>. Messages are serialized into a ring per direction in shared memory.
/// </summary>
/// <typeparam name="T">The message type.</typeparam>
/// <remarks>
/// <para>Each end is held by one process: the creator at first, then the process that last received the end as an
/// argument. When the other end's holder closes it (<see cref="Close"/> or <see cref="SharedObject.Dispose"/> there),
/// or dies, this end receives what was already sent and then the end of the stream
/// (<see cref="EndOfStreamException"/>, like Python's <c>EOFError</c>), and sending fails with
/// <see cref="IOException"/> (Python's <c>BrokenPipeError</c>). A death is noticed within about 100 ms.</para>
/// <para>Disposing an end in a process that does not hold it (the parent's copy of the end it passed to a child) only
/// unmaps it there and closes nothing.</para>
/// </remarks>
public sealed unsafe class ProcessPipe<T> : SharedObject, ISharedChannel<T>
{
    /// <summary>Each direction's buffer when none is given: 1 MiB, of which only the pages messages pass through use memory.</summary>
    public const int DefaultBufferBytes = 1 << 20;

    private const int EndBytes = SharedSegment.BlockAlignment;
    private const int SideOffset = 8;
    private const int HolderOffset = 16;
    private const int ClosedOffset = 20;

    private readonly byte* _peer;
    private readonly SharedRing _outgoing;
    private readonly SharedRing _incoming;
    private readonly Func<bool> _isPeerGone;
    private long _livenessCheckedAt = Environment.TickCount64;
    private volatile int _deadHolder;

    private ProcessPipe(SharedSegment segment, long offset)
        : base(segment, offset)
    {
        int side = (int)*(long*)(Block + SideOffset);
        byte* pipe = Block - side * EndBytes;
        _peer = pipe + (1 - side) * EndBytes;
        byte* firstRing = pipe + 2 * EndBytes;
        byte* secondRing = firstRing + SharedRing.BlockBytes(new SharedRing(firstRing).Capacity);
        _outgoing = new SharedRing(side == 0 ? firstRing : secondRing);
        _incoming = new SharedRing(side == 0 ? secondRing : firstRing);
        _isPeerGone = IsPeerGone;
    }

    /// <summary>True once this end was closed, here or by its holder elsewhere.</summary>
    public bool IsClosed => Volatile.Read(ref *(int*)(Block + ClosedOffset)) != 0;

    /// <summary>The id of the process that holds this end.</summary>
    public int HolderPid => Volatile.Read(ref *(int*)(Block + HolderOffset));

    /// <summary>Sends a message, waiting while the other end's buffer is full.</summary>
    /// <exception cref="IOException">The other end is closed or its process has exited.</exception>
    /// <exception cref="ObjectDisposedException">This end is closed.</exception>
    /// <exception cref="ArgumentException">The serialized message is larger than the buffer.</exception>
    public void Send(T message, CancellationToken cancellationToken = default) =>
        TrySend(message, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Sends a message if there is room within <paramref name="timeout"/>; false otherwise.</summary>
    /// <exception cref="IOException">The other end is closed or its process has exited.</exception>
    public bool TrySend(T message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        Deadline deadline = Deadline.After(timeout);
        if (IsPeerGone())
        {
            throw Broken();
        }

        ReadOnlySpan<byte> bytes = ItemSerializer.Serialize(message);
        _outgoing.CheckFits(bytes.Length, "pipe");
        return _outgoing.Put(bytes, deadline, cancellationToken, _isPeerGone);
    }

    /// <summary>Sends a message without blocking the calling thread while the buffer is full.</summary>
    /// <exception cref="IOException">The other end is closed or its process has exited.</exception>
    public ValueTask SendAsync(T message, CancellationToken cancellationToken = default)
    {
        ValueTask<bool> sent = TrySendAsync(message, Timeout.InfiniteTimeSpan, cancellationToken);
        return sent.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(sent.AsTask());
    }

    /// <summary>Sends a message if there is room within <paramref name="timeout"/>, without blocking the calling thread;
    /// false at the timeout.</summary>
    /// <exception cref="IOException">The other end is closed or its process has exited.</exception>
    public ValueTask<bool> TrySendAsync(T message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Deadline.After(timeout);
        if (TrySend(message, TimeSpan.Zero, cancellationToken))
        {
            return new ValueTask<bool>(true);
        }

        return timeout == TimeSpan.Zero
            ? new ValueTask<bool>(false)
            : new ValueTask<bool>(SharedAsync.Run(() => TrySend(message, timeout, cancellationToken), cancellationToken));
    }

    /// <summary>Receives the next message, waiting for one.</summary>
    /// <exception cref="EndOfStreamException">The other end was closed or died, and every message it sent was received.</exception>
    /// <exception cref="ProtocolException">A message could not be decoded (it is dropped).</exception>
    public T Receive(CancellationToken cancellationToken = default)
    {
        if (TryReceive(out T? message, Timeout.InfiniteTimeSpan, cancellationToken))
        {
            return message;
        }

        throw Ended();
    }

    /// <summary>Receives the next message, waiting at most <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">No message came within <paramref name="timeout"/>.</exception>
    /// <exception cref="EndOfStreamException">The other end was closed or died, and every message was received.</exception>
    public T Receive(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (TryReceive(out T? message, timeout, cancellationToken))
        {
            return message;
        }

        throw _incoming.IsDrainedAndEnded(_isPeerGone) ? Ended() : new TimeoutException($"No message came within {timeout}.");
    }

    /// <summary>Receives the next message if one comes within <paramref name="timeout"/>; false at the timeout or at the
    /// end of the stream (tell them apart with <see cref="Poll()"/>, which is true at the end).</summary>
    public bool TryReceive([MaybeNullWhen(false)] out T message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        return _incoming.Take(WireCodec<T>.Reader, out message, Deadline.After(timeout), cancellationToken, _isPeerGone);
    }

    /// <summary>Receives the next message without blocking the calling thread while none is there.</summary>
    /// <exception cref="EndOfStreamException">The other end was closed or died, and every message was received.</exception>
    public ValueTask<T> ReceiveAsync(CancellationToken cancellationToken = default) =>
        ReceiveAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Receives the next message, waiting at most <paramref name="timeout"/> without blocking the calling thread.</summary>
    /// <exception cref="TimeoutException">No message came within <paramref name="timeout"/>.</exception>
    /// <exception cref="EndOfStreamException">The other end was closed or died, and every message was received.</exception>
    public ValueTask<T> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Deadline.After(timeout);
        if (TryReceive(out T? message, TimeSpan.Zero, cancellationToken))
        {
            return new ValueTask<T>(message);
        }

        return new ValueTask<T>(SharedAsync.Run(() => Receive(timeout, cancellationToken), cancellationToken));
    }

    /// <summary>Yields messages until the other end closes or dies.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryReceive(out T? message, TimeSpan.Zero, cancellationToken))
            {
                yield return message;
                continue;
            }

            (bool got, T? next) = await SharedAsync.Run(
                () => (TryReceive(out T? value, Timeout.InfiniteTimeSpan, cancellationToken), value), cancellationToken).ConfigureAwait(false);
            if (!got)
            {
                yield break;
            }

            yield return next!;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> until <see cref="Receive(CancellationToken)"/> would not block: a message is there, or the
    /// stream has ended (Python's <c>poll</c>).
    /// </summary>
    public bool Poll(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        Deadline deadline = Deadline.After(timeout);
        return _incoming.WaitForData(deadline, cancellationToken, _isPeerGone) || _incoming.IsDrainedAndEnded(_isPeerGone);
    }

    /// <summary>Whether a message is there to receive now, or the stream has ended.</summary>
    public bool Poll() => Poll(TimeSpan.Zero);

    /// <summary>Closes this end: the other end receives what was sent and then the end of the stream, and its sends fail.</summary>
    public void Close()
    {
        ThrowIfDisposed();
        CloseEnd();
    }

    /// <summary>Reads a pipe end's handle and makes this process its holder; generated code calls it for a parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ProcessPipe<T>? ReadShared(ref WireReader reader)
    {
        if (SharedSegment.Read(ref reader, SharedKind.Pipe, 0) is not { } found)
        {
            return null;
        }

        if (!IsValidEnd(found.Segment, found.Offset))
        {
            found.Segment.Release();
            throw new ProtocolException($"A handle read as ProcessPipe<{typeof(T).Name}> names a corrupt pipe.");
        }

        var end = new ProcessPipe<T>(found.Segment, found.Offset);
        Volatile.Write(ref *(int*)(end.Block + HolderOffset), Environment.ProcessId);
        return end;
    }

    internal static (ProcessPipe<T> First, ProcessPipe<T> Second) CreatePair(long bufferBytes)
    {
        long capacity = SharedRing.CapacityFor(bufferBytes);
        var segment = SharedSegment.Create(2 * EndBytes + 2 * SharedRing.BlockBytes(capacity));
        long first = SharedSegment.HeaderBytes;
        for (int side = 0; side < 2; side++)
        {
            long end = first + side * EndBytes;
            segment.InitializeBlock(end, SharedKind.Pipe, 0);
            *(long*)(segment.Base + end + SideOffset) = side;
            *(int*)(segment.Base + end + HolderOffset) = Environment.ProcessId;
        }

        long rings = first + 2 * EndBytes;
        SharedRing.Initialize(segment.Base + rings, capacity, maxItems: 0, joinable: false);
        SharedRing.Initialize(segment.Base + rings + SharedRing.BlockBytes(capacity), capacity, maxItems: 0, joinable: false);
        segment.AddReference(); // one reference per end
        return (new ProcessPipe<T>(segment, first), new ProcessPipe<T>(segment, first + EndBytes));
    }

    /// <inheritdoc/>
    public override string ToString() => $"ProcessPipe<{typeof(T).Name}> end held by {HolderPid}{(IsClosed ? ", closed" : "")}";

    private protected override void OnDisposing()
    {
        if (HolderPid == Environment.ProcessId)
        {
            CloseEnd();
        }
    }

    private void CloseEnd()
    {
        if (Interlocked.Exchange(ref *(int*)(Block + ClosedOffset), 1) == 0)
        {
            _outgoing.Close();   // the peer drains, then sees the end
            _incoming.WakeAll(); // a peer waiting for room sees that no one reads any more
        }
    }

    private bool IsPeerGone()
    {
        int holder = Volatile.Read(ref *(int*)(_peer + HolderOffset));
        if (holder == _deadHolder || Volatile.Read(ref *(int*)(_peer + ClosedOffset)) != 0)
        {
            return true;
        }

        // Asking the kernel (and /proc) costs tens of microseconds, and waits call this on every wake: look at most
        // once per check interval, which is as often as a sleeping wait wakes to look anyway.
        long now = Environment.TickCount64;
        if (now - Volatile.Read(ref _livenessCheckedAt) < SharedWait.CheckIntervalMs)
        {
            return false;
        }

        Volatile.Write(ref _livenessCheckedAt, now);
        if (ProcessLiveness.IsAlive(holder))
        {
            return false;
        }

        _deadHolder = holder; // dead stays dead, whenever this end next asks
        return true;
    }

    private void ThrowIfUnusable()
    {
        ThrowIfDisposed();
        if (IsClosed)
        {
            throw new ObjectDisposedException(ToString(), "This end of the pipe is closed.");
        }
    }

    private static bool IsValidEnd(SharedSegment segment, long offset)
    {
        long side = *(long*)(segment.Base + offset + SideOffset);
        if (side is not (0 or 1))
        {
            return false;
        }

        long pipe = offset - side * EndBytes;
        long firstRing = pipe + 2 * EndBytes;
        if (pipe < SharedSegment.HeaderBytes || !SharedRing.IsValid(segment.Base + firstRing, segment.Length - firstRing))
        {
            return false;
        }

        long secondRing = firstRing + SharedRing.BlockBytes(new SharedRing(segment.Base + firstRing).Capacity);
        return SharedRing.IsValid(segment.Base + secondRing, segment.Length - secondRing);
    }

    private static IOException Broken() => new("The other end of the pipe is closed or its process has exited.");

    private static EndOfStreamException Ended() =>
        new("The other end of the pipe was closed or its process exited, and every message it sent has been received.");
}
