using System.ComponentModel;
using Parallelize.Serialization;
using Parallelize.Sharing;

namespace Parallelize;

/// <summary>
/// One value of an unmanaged type in memory shared by processes (Python's <c>multiprocessing.Value</c>): pass it to
/// <c>[RunInProcess]</c> methods, and every process reads and writes the same value through <see cref="Value"/>.
/// </summary>
/// <typeparam name="T">A type without references: a number, a <see cref="bool"/>, an enum, or a struct of those.</typeparam>
/// <remarks>
/// <para><see cref="Value"/> is a reference into the shared memory, not a copy: <c>shared.Value += 1</c> reads and
/// writes it in place, but not atomically. Guard such updates with <see cref="Lock"/> (Python's <c>get_lock()</c>), or
/// use the atomic helpers of <see cref="SharedValueAtomics"/> for <see cref="int"/>, <see cref="long"/>,
/// <see cref="uint"/>, <see cref="ulong"/> and <see cref="double"/> values.</para>
/// <para>The value starts on its own cache line, so atomic operations on it are always aligned. A handle read as a
/// <see cref="SharedValue{T}"/> of a type of another size is refused.</para>
/// </remarks>
public sealed unsafe class SharedValue<T> : SharedObject
    where T : unmanaged
{
    private readonly ProcessLock? _lock;

    /// <summary>Creates a shared value holding <paramref name="initial"/> (Python's <c>Value(typecode, value, lock=...)</c>).</summary>
    /// <param name="initial">The value to start with.</param>
    /// <param name="withLock">Whether to create a <see cref="Lock"/> in the same shared memory.</param>
    public SharedValue(T initial = default, bool withLock = true)
        : this(DataBlock.Create(SharedKind.Value, sizeof(T), 1, withLock), SharedSegment.HeaderBytes)
    {
        *(T*)(Block + DataBlock.DataOffset) = initial;
    }

    /// <summary>Takes over one reference to <paramref name="segment"/> whose block at <paramref name="offset"/> is a
    /// value of <typeparamref name="T"/>.</summary>
    internal SharedValue(SharedSegment segment, long offset)
        : base(segment, offset)
    {
        _lock = DataBlock.OpenLock(segment, offset, sizeof(T));
    }

    /// <summary>The value itself, in shared memory: reads and writes go straight to it (Python's <c>value</c>).</summary>
    /// <exception cref="ObjectDisposedException">This view is disposed.</exception>
    public ref T Value
    {
        get
        {
            ThrowIfDisposed();
            return ref *(T*)(Block + DataBlock.DataOffset);
        }
    }

    /// <summary>The lock created with the value, shared by every process that uses it (Python's <c>get_lock()</c>).
    /// Disposed with this object.</summary>
    /// <exception cref="InvalidOperationException">The value was created with <c>withLock: false</c>.</exception>
    public ProcessLock Lock => _lock ?? throw new InvalidOperationException(
        "This SharedValue<" + typeof(T).Name + "> was created with withLock: false, so it has no lock.");

    /// <summary>True when the value was created with a <see cref="Lock"/>.</summary>
    public bool HasLock => _lock is not null;

    /// <summary>The value as a span of one element in shared memory, for APIs that take spans.</summary>
    /// <exception cref="ObjectDisposedException">This view is disposed.</exception>
    public Span<T> AsSpan()
    {
        ThrowIfDisposed();
        return new Span<T>(Block + DataBlock.DataOffset, 1);
    }

    /// <summary>Reads a shared value's handle; generated code calls it for a <see cref="SharedValue{T}"/> parameter.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static SharedValue<T>? ReadShared(ref WireReader reader)
    {
        if (DataBlock.Attach(ref reader, SharedKind.Value, sizeof(T)) is not { } found)
        {
            return null;
        }

        if (DataBlock.Length(found.Segment, found.Offset) != 1)
        {
            found.Segment.Release();
            throw new ProtocolException(
                $"A Value handle names a block of {DataBlock.Length(found.Segment, found.Offset)} elements instead of one.");
        }

        return new SharedValue<T>(found.Segment, found.Offset);
    }

    /// <inheritdoc/>
    public override string ToString() => $"SharedValue<{typeof(T).Name}>({Value})";

    private protected override void OnDisposing() => _lock?.Dispose();
}
