using System.ComponentModel;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// A fixed-length array of an unmanaged type in memory shared by processes (Python's <c>multiprocessing.Array</c>, or
/// a <c>shared_memory.SharedMemory</c> buffer viewed as an array): pass it to <c>[RunInProcess]</c> methods, and every
/// process reads and writes the same elements, without copying.
/// </summary>
/// <typeparam name="T">A type without references: a number, a <see cref="bool"/>, an enum, or a struct of those.</typeparam>
/// <remarks>
/// <para>The indexer returns a reference into the shared memory and <see cref="AsSpan"/> a span over all of it. Writes
/// are plain memory writes: guard read-modify-write sequences with <see cref="Lock"/> (Python's <c>get_lock()</c>),
/// or use the atomic helpers of <see cref="SharedArrayAtomics"/> for <see cref="int"/> and <see cref="long"/>
/// arrays. Processes that write disjoint ranges need no lock.</para>
/// <para>The elements start on a 64-byte boundary. A handle read as a <see cref="SharedArray{T}"/> of a type of another
/// size is refused.</para>
/// </remarks>
public sealed unsafe class SharedArray<T> : SharedObject
    where T : unmanaged
{
    private readonly ProcessLock? _lock;

    /// <summary>Creates a zero-filled shared array of <paramref name="length"/> elements (Python's
    /// <c>Array(typecode, size, lock=...)</c>).</summary>
    /// <param name="length">The number of elements.</param>
    /// <param name="withLock">Whether to create a <see cref="Lock"/> in the same shared memory.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public SharedArray(int length, bool withLock = true)
        : this(DataBlock.Create(SharedKind.Array, sizeof(T), length, withLock), SharedSegment.HeaderBytes)
    {
    }

    /// <summary>Creates a shared array holding a copy of <paramref name="initial"/> (Python's
    /// <c>Array(typecode, sequence, lock=...)</c>).</summary>
    /// <param name="initial">The elements to start with.</param>
    /// <param name="withLock">Whether to create a <see cref="Lock"/> in the same shared memory.</param>
    public SharedArray(ReadOnlySpan<T> initial, bool withLock = true)
        : this(DataBlock.Create(SharedKind.Array, sizeof(T), initial.Length, withLock), SharedSegment.HeaderBytes)
    {
        initial.CopyTo(new Span<T>(Block + DataBlock.DataOffset, initial.Length));
    }

    /// <summary>Takes over one reference to <paramref name="segment"/> whose block at <paramref name="offset"/> is an
    /// array of <typeparamref name="T"/>.</summary>
    internal SharedArray(SharedSegment segment, long offset)
        : base(segment, offset)
    {
        Length = DataBlock.Length(segment, offset);
        _lock = DataBlock.OpenLock(segment, offset, sizeof(T));
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The lock created with the array, shared by every process that uses it (Python's <c>get_lock()</c>).
    /// Disposed with this object.</summary>
    /// <exception cref="InvalidOperationException">The array was created with <c>withLock: false</c>.</exception>
    public ProcessLock Lock => _lock ?? throw new InvalidOperationException(
        "This SharedArray<" + typeof(T).Name + "> was created with withLock: false, so it has no lock.");

    /// <summary>True when the array was created with a <see cref="Lock"/>.</summary>
    public bool HasLock => _lock is not null;

    /// <summary>The element at <paramref name="index"/>, in shared memory: reads and writes go straight to it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not below <see cref="Length"/>.</exception>
    /// <exception cref="ObjectDisposedException">This view is disposed.</exception>
    public ref T this[int index]
    {
        get
        {
            ThrowIfDisposed();
            if ((uint)index >= (uint)Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The array has {Length} elements.");
            }

            return ref ((T*)(Block + DataBlock.DataOffset))[index];
        }
    }

    /// <summary>All the elements, as a span over the shared memory (no copy): valid until this view is disposed.</summary>
    /// <exception cref="ObjectDisposedException">This view is disposed.</exception>
    public Span<T> AsSpan()
    {
        ThrowIfDisposed();
        return new Span<T>(Block + DataBlock.DataOffset, Length);
    }

    /// <summary>Reads a shared array's handle; generated code calls it for a <see cref="SharedArray{T}"/> parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static SharedArray<T>? ReadShared(ref WireReader reader) =>
        DataBlock.Attach(ref reader, SharedKind.Array, sizeof(T)) is { } found ? new SharedArray<T>(found.Segment, found.Offset) : null;

    /// <inheritdoc/>
    public override string ToString() => $"SharedArray<{typeof(T).Name}>[{Length}]";

    private protected override void OnDisposing() => _lock?.Dispose();
}
