using System.Runtime.CompilerServices;
using Parallelize.Native;
using Parallelize.Serialization;

namespace Parallelize.Sharing;

/// <summary>
/// A ring of serialized items in shared memory, safe for any number of producer and consumer processes: the state
/// behind <c>ProcessQueue&lt;T&gt;</c> and each direction of <c>ProcessPipe&lt;T&gt;</c>. Producers take the put lock to
/// append, consumers the get lock to take, and the two sides meet only through the published head and tail, so a
/// producer and a consumer never wait for each other while there is data and room. A side sleeps (a futex) only when
/// the ring is empty or full, and the other side makes a system call to wake it only when a sleeper has registered.
/// </summary>
/// <remarks>
/// <para>An item is an int32 length and its bytes, padded to 8. A producer writes it past the tail and only then
/// publishes the new tail; a consumer reads it and only then publishes the new head. A process killed in between leaves
/// the ring as it was, so the locks it held are taken over silently: an item being put is lost with its producer, and
/// an item being taken is delivered again to the next consumer.</para>
/// <para>Layout, from the block start (cache lines apart): 64 put lock, space signal, sleeping producers, space wake
/// pending; 128 get lock, data signal, sleeping consumers, data wake pending; 192 tail, items put; 256 head, items taken; 320 closed, joinable, item bound,
/// unfinished items, sleeping joiners; 384 the ring's bytes.</para>
/// </remarks>
internal sealed unsafe class SharedRing
{
    /// <summary>Bytes before the ring's data in its block.</summary>
    public const int HeaderBytes = 384;

    private const int RecordAlignment = 8;
    private const int SpinBeforeSleep = 60;

    private readonly byte* _block;
    private readonly byte* _data;
    private readonly long _mask;

    /// <summary>A view of the ring whose block starts at <paramref name="block"/>; the capacity is read from the block.</summary>
    public SharedRing(byte* block)
    {
        _block = block;
        Capacity = *(long*)(block + 8);
        _mask = Capacity - 1;
        _data = block + HeaderBytes;
    }

    /// <summary>The ring's data bytes.</summary>
    public long Capacity { get; }

    /// <summary>The largest serialized item the ring takes.</summary>
    public int MaxItemBytes => (int)Math.Min(int.MaxValue, Capacity - 4);

    private int* PutLock => (int*)(_block + 64);
    private int* SpaceSignal => (int*)(_block + 68);
    private int* SleepingProducers => (int*)(_block + 72);
    private int* SpaceWakePending => (int*)(_block + 76);
    private int* GetLock => (int*)(_block + 128);
    private int* DataSignal => (int*)(_block + 132);
    private int* SleepingConsumers => (int*)(_block + 136);
    private int* DataWakePending => (int*)(_block + 140);
    private long* Tail => (long*)(_block + 192);
    private long* ItemsPut => (long*)(_block + 200);
    private long* Head => (long*)(_block + 256);
    private long* ItemsTaken => (long*)(_block + 264);
    private int* Closed => (int*)(_block + 320);
    private int* Joinable => (int*)(_block + 324);
    private int* MaxItems => (int*)(_block + 328);
    private int* Unfinished => (int*)(_block + 332);
    private int* SleepingJoiners => (int*)(_block + 336);

    /// <summary>Bytes a ring block takes for <paramref name="capacity"/> data bytes.</summary>
    public static long BlockBytes(long capacity) => HeaderBytes + capacity;

    /// <summary>Rounds a requested buffer size to the power of two the ring uses (at least 4 KiB).</summary>
    public static long CapacityFor(long requestedBytes)
    {
        if (requestedBytes < 1 || requestedBytes > 1L << 34)
        {
            throw new ArgumentOutOfRangeException(nameof(requestedBytes), requestedBytes, "A buffer must be between 1 byte and 16 GiB.");
        }

        return Math.Max(4096, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)requestedBytes));
    }

    /// <summary>Lays out an empty ring in a new segment's block.</summary>
    public static void Initialize(byte* block, long capacity, int maxItems, bool joinable)
    {
        *(long*)(block + 8) = capacity;
        *(int*)(block + 328) = maxItems;
        *(int*)(block + 324) = joinable ? 1 : 0;
    }

    /// <summary>Checks an attached block's capacity against the segment, so a corrupt one cannot send copies outside it.</summary>
    public static bool IsValid(byte* block, long bytesAfterBlockStart)
    {
        long capacity = *(long*)(block + 8);
        return capacity >= 4096 && (capacity & (capacity - 1)) == 0 && BlockBytes(capacity) <= bytesAfterBlockStart;
    }

    public bool IsClosed => Volatile.Read(ref *Closed) != 0;

    public bool IsJoinable => Volatile.Read(ref *Joinable) != 0;

    public int MaxCount => Volatile.Read(ref *MaxItems);

    /// <summary>Items put and not yet taken; a moment's snapshot, like Python's qsize().</summary>
    public int Count => (int)Math.Clamp(Volatile.Read(ref *ItemsPut) - Volatile.Read(ref *ItemsTaken), 0, int.MaxValue);

    /// <summary>Items put and not yet marked done (joinable rings).</summary>
    public int UnfinishedCount => Volatile.Read(ref *Unfinished);

    /// <summary>
    /// Appends one serialized item, waiting for room (and for the item bound) until <paramref name="deadline"/>.
    /// False at the deadline; <paramref name="isPeerGone"/>, when given, is asked while waiting for room.
    /// </summary>
    /// <exception cref="ProcessQueueClosedException">The ring was closed for putting.</exception>
    public bool Put(ReadOnlySpan<byte> item, Deadline deadline, CancellationToken cancellationToken, Func<bool>? isPeerGone = null)
    {
        long need = RecordBytes(item.Length);
        if (!LockWord.TryAcquire(PutLock) && LockWord.Acquire(PutLock, deadline, cancellationToken) == LockOutcome.TimedOut)
        {
            return false;
        }

        try
        {
            if (!WaitForRoom(need, deadline, cancellationToken, isPeerGone))
            {
                return false;
            }

            long tail = *Tail;
            *(int*)(_data + (tail & _mask)) = item.Length; // records start 8-aligned, so the length never wraps
            WriteBytes(tail + 4, item);
            if (IsJoinable)
            {
                Interlocked.Increment(ref *Unfinished);
            }

            Volatile.Write(ref *ItemsPut, *ItemsPut + 1);
            Interlocked.Exchange(ref *Tail, tail + need); // publishes the item, and orders it before the check below
        }
        finally
        {
            LockWord.Release(PutLock);
        }

        WakeSleeper(DataSignal, SleepingConsumers, DataWakePending);

        return true;
    }

    /// <summary>
    /// Takes the oldest item and decodes it with <paramref name="read"/>, waiting until <paramref name="deadline"/>.
    /// False when the deadline passes, or when the ring is empty and closed (or <paramref name="isPeerGone"/> says no
    /// producer remains).
    /// </summary>
    /// <exception cref="ProtocolException">The item's bytes are corrupt; it is skipped.</exception>
    public bool Take<T>(WireReader.ItemReader<T> read, out T item, Deadline deadline, CancellationToken cancellationToken,
        Func<bool>? isPeerGone = null)
    {
        item = default!;
        if (!LockWord.TryAcquire(GetLock) && LockWord.Acquire(GetLock, deadline, cancellationToken) == LockOutcome.TimedOut)
        {
            return false;
        }

        long head;
        long need;
        try
        {
            if (!WaitForData(deadline, cancellationToken, isPeerGone))
            {
                return false;
            }

            head = *Head;
            long available = Volatile.Read(ref *Tail) - head;
            int length = *(int*)(_data + (head & _mask));
            need = RecordBytes(length);
            bool intact = length >= 0 && need <= available;

            // Published before decoding, so an item that fails to decode is skipped rather than stuck at the head.
            Volatile.Write(ref *ItemsTaken, *ItemsTaken + 1);
            Exception? failure = null;
            if (intact)
            {
                try
                {
                    item = Decode(read, head + 4, length);
                }
                catch (Exception error) when (error is ProtocolException or WireSerializationException)
                {
                    failure = error;
                }
            }

            Interlocked.Exchange(ref *Head, intact ? head + need : Volatile.Read(ref *Tail));
            if (!intact)
            {
                throw new ProtocolException(
                    $"A shared queue item claims {length} bytes where {available} remain: the queue's memory was overwritten; the rest of it was dropped.");
            }

            if (failure is not null)
            {
                throw new ProtocolException("A shared queue item could not be decoded: " + failure.Message, failure);
            }
        }
        finally
        {
            LockWord.Release(GetLock);
        }

        WakeSleeper(SpaceSignal, SleepingProducers, SpaceWakePending);

        return true;
    }

    /// <summary>Closes the ring for putting and wakes every sleeper, so they see it.</summary>
    public void Close()
    {
        Interlocked.Exchange(ref *Closed, 1);
        WakeAll();
    }

    /// <summary>Wakes every sleeper to look at the ring again (a peer went away).</summary>
    public void WakeAll()
    {
        Interlocked.Increment(ref *DataSignal);
        Futex.Wake(DataSignal, int.MaxValue);
        Interlocked.Increment(ref *SpaceSignal);
        Futex.Wake(SpaceSignal, int.MaxValue);
    }

    /// <summary>Marks one taken item done (joinable rings); the last one wakes the joiners.</summary>
    /// <exception cref="InvalidOperationException">More items marked done than were put.</exception>
    public void TaskDone()
    {
        while (true)
        {
            int seen = Volatile.Read(ref *Unfinished);
            if (seen <= 0)
            {
                throw new InvalidOperationException("TaskDone was called more times than there were items put.");
            }

            if (Interlocked.CompareExchange(ref *Unfinished, seen - 1, seen) == seen)
            {
                if (seen == 1 && Volatile.Read(ref *SleepingJoiners) != 0)
                {
                    Futex.Wake(Unfinished, int.MaxValue);
                }

                return;
            }
        }
    }

    /// <summary>Waits until every item put has been marked done; false at the deadline.</summary>
    public bool Join(Deadline deadline, CancellationToken cancellationToken)
    {
        var wait = new SharedWait(Unfinished, deadline, cancellationToken);
        try
        {
            while (true)
            {
                int seen = Volatile.Read(ref *Unfinished);
                if (seen == 0)
                {
                    return true;
                }

                if (!wait.CanContinue())
                {
                    return false;
                }

                Interlocked.Increment(ref *SleepingJoiners);
                wait.Sleep(seen);
                Interlocked.Decrement(ref *SleepingJoiners);
            }
        }
        finally
        {
            wait.Dispose();
        }
    }

    /// <summary>True when the ring is empty and nothing more can come: closed, or <paramref name="isPeerGone"/> says so.</summary>
    public bool IsDrainedAndEnded(Func<bool>? isPeerGone) =>
        Volatile.Read(ref *Tail) == Volatile.Read(ref *Head) && (IsClosed || (isPeerGone is not null && isPeerGone()));

    /// <summary>Checks a serialized item's size before it is put.</summary>
    /// <exception cref="ArgumentException">It does not fit the ring at all.</exception>
    public void CheckFits(int itemBytes, string what)
    {
        if (RecordBytes(itemBytes) > Capacity)
        {
            throw new ArgumentException(
                $"The item takes {itemBytes} bytes serialized, more than this {what}'s buffer of {Capacity} bytes holds " +
                $"(at most {Capacity - 8} per item). Create the {what} with a larger buffer.", "item");
        }
    }

    private bool WaitForRoom(long need, Deadline deadline, CancellationToken cancellationToken, Func<bool>? isPeerGone)
    {
        if (HasRoom(need))
        {
            return true;
        }

        // As in WaitForData: a consumer on another core frees room within microseconds, and a producer that keeps the
        // ring full would otherwise sleep after every item, each take paying it a wake.
        var spinner = default(SpinWait);
        for (int i = 0; i < SpinBeforeSleep; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (HasRoom(need))
            {
                return true;
            }
        }

        var wait = new SharedWait(SpaceSignal, deadline, cancellationToken);
        try
        {
            while (true)
            {
                ThrowIfClosedOrGone(isPeerGone);
                if (!wait.CanContinue())
                {
                    return false;
                }

                int signal = Volatile.Read(ref *SpaceSignal);
                Interlocked.Exchange(ref *SpaceWakePending, 0);
                Interlocked.Increment(ref *SleepingProducers);
                if (!HasRoom(need) && !IsClosed)
                {
                    wait.Sleep(signal, periodic: isPeerGone is not null);
                }

                Interlocked.Decrement(ref *SleepingProducers);
                if (HasRoom(need))
                {
                    ThrowIfClosedOrGone(isPeerGone);
                    return true;
                }
            }
        }
        finally
        {
            wait.Dispose();
        }
    }

    private void ThrowIfClosedOrGone(Func<bool>? isPeerGone)
    {
        if (IsClosed)
        {
            throw new ProcessQueueClosedException("The queue is closed: no more items can be put.");
        }

        if (isPeerGone is not null && isPeerGone())
        {
            throw new IOException("The other end of the pipe is closed or its process has exited.");
        }
    }

    private bool HasRoom(long need)
    {
        int maxItems = MaxCount;
        return Capacity - (*Tail - Volatile.Read(ref *Head)) >= need
            && (maxItems == 0 || Volatile.Read(ref *ItemsPut) - Volatile.Read(ref *ItemsTaken) < maxItems);
    }

    /// <summary>
    /// Waits until an item is there to take, without taking it: true when one is, false at the deadline or when the
    /// ring is empty and closed (or the peer is gone). Python's <c>poll</c>.
    /// </summary>
    public bool WaitForData(Deadline deadline, CancellationToken cancellationToken, Func<bool>? isPeerGone)
    {
        if (Volatile.Read(ref *Tail) != *Head)
        {
            return true;
        }

        // A producer on another core is usually microseconds away from the next item: spin briefly before a sleep
        // whose wake costs both sides a system call.
        var spinner = default(SpinWait);
        for (int i = 0; i < SpinBeforeSleep; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (Volatile.Read(ref *Tail) != *Head)
            {
                return true;
            }
        }

        var wait = new SharedWait(DataSignal, deadline, cancellationToken);
        try
        {
            while (true)
            {
                if (IsClosed || (isPeerGone is not null && isPeerGone()))
                {
                    return Volatile.Read(ref *Tail) != *Head; // what was put before the close is still delivered
                }

                if (!wait.CanContinue())
                {
                    return false;
                }

                int signal = Volatile.Read(ref *DataSignal);
                Interlocked.Exchange(ref *DataWakePending, 0);
                Interlocked.Increment(ref *SleepingConsumers);
                if (Volatile.Read(ref *Tail) == *Head && !IsClosed)
                {
                    wait.Sleep(signal, periodic: isPeerGone is not null);
                }

                Interlocked.Decrement(ref *SleepingConsumers);
                if (Volatile.Read(ref *Tail) != *Head)
                {
                    return true;
                }
            }
        }
        finally
        {
            wait.Dispose();
        }
    }

    /// <summary>
    /// Wakes the side that sleeps on <paramref name="signal"/>, if one registered, with one system call per sleep: until
    /// the sleeper runs and clears <paramref name="pending"/>, further items make no call (a woken process takes
    /// microseconds to run, and meanwhile every item would pay a wake that wakes nobody).
    /// </summary>
    /// <remarks>A sleeper reads the signal, then clears the flag, then registers: a waker that finds the flag set came
    /// after that read, so the signal it bumps makes the sleeper's futex wait return at once.</remarks>
    private static void WakeSleeper(int* signal, int* sleepers, int* pending)
    {
        if (Volatile.Read(ref *sleepers) != 0 && Interlocked.Exchange(ref *pending, 1) == 0)
        {
            Interlocked.Increment(ref *signal);
            Futex.Wake(signal, int.MaxValue);
        }
    }

    private T Decode<T>(WireReader.ItemReader<T> read, long position, int length)
    {
        int at = (int)(position & _mask);
        if (at + (long)length <= Capacity)
        {
            return DecodeAll(read, new ReadOnlySpan<byte>(_data + at, length));
        }

        byte[] scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            ReadBytes(position, scratch.AsSpan(0, length));
            return DecodeAll(read, scratch.AsSpan(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static T DecodeAll<T>(WireReader.ItemReader<T> read, ReadOnlySpan<byte> bytes)
    {
        var reader = new WireReader(bytes);
        T value = read(ref reader);
        reader.EnsureEnd();
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long RecordBytes(int length) => (4L + length + RecordAlignment - 1) & ~(long)(RecordAlignment - 1);

    private void WriteBytes(long position, ReadOnlySpan<byte> source)
    {
        int at = (int)(position & _mask);
        int first = (int)Math.Min(source.Length, Capacity - at);
        source[..first].CopyTo(new Span<byte>(_data + at, first));
        source[first..].CopyTo(new Span<byte>(_data, source.Length - first));
    }

    private void ReadBytes(long position, Span<byte> destination)
    {
        int at = (int)(position & _mask);
        int first = (int)Math.Min(destination.Length, Capacity - at);
        new ReadOnlySpan<byte>(_data + at, first).CopyTo(destination);
        new ReadOnlySpan<byte>(_data, destination.Length - first).CopyTo(destination[first..]);
    }
}
