namespace Parallelize;

/// <summary>
/// Atomic operations on elements of a <see cref="SharedArray{T}"/> of <see cref="int"/> or <see cref="long"/>: each is
/// one atomic instruction on the shared memory, correct across processes without the array's lock.
/// </summary>
/// <remarks>Python's <c>Array</c> has no atomic operations: there, <c>with a.get_lock(): a[i] += 1</c> is the way.</remarks>
public static class SharedArrayAtomics
{
    /// <summary>Adds <paramref name="value"/> to element <paramref name="index"/> atomically and returns the new value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static int Add(this SharedArray<int> array, int index, int value) => Interlocked.Add(ref Element(array, index), value);

    /// <summary>Adds one to element <paramref name="index"/> atomically and returns the new value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static int Increment(this SharedArray<int> array, int index) => Interlocked.Increment(ref Element(array, index));

    /// <summary>Subtracts one from element <paramref name="index"/> atomically and returns the new value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static int Decrement(this SharedArray<int> array, int index) => Interlocked.Decrement(ref Element(array, index));

    /// <summary>Stores <paramref name="value"/> in element <paramref name="index"/> atomically and returns the value before.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static int Exchange(this SharedArray<int> array, int index, int value) =>
        Interlocked.Exchange(ref Element(array, index), value);

    /// <summary>Stores <paramref name="value"/> in element <paramref name="index"/> if it equals
    /// <paramref name="comparand"/>, atomically; returns the value before either way.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static int CompareExchange(this SharedArray<int> array, int index, int value, int comparand) =>
        Interlocked.CompareExchange(ref Element(array, index), value, comparand);

    /// <summary>Adds <paramref name="value"/> to element <paramref name="index"/> atomically and returns the new value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static long Add(this SharedArray<long> array, int index, long value) => Interlocked.Add(ref Element(array, index), value);

    /// <summary>Adds one to element <paramref name="index"/> atomically and returns the new value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static long Increment(this SharedArray<long> array, int index) => Interlocked.Increment(ref Element(array, index));

    /// <summary>Subtracts one from element <paramref name="index"/> atomically and returns the new value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static long Decrement(this SharedArray<long> array, int index) => Interlocked.Decrement(ref Element(array, index));

    /// <summary>Stores <paramref name="value"/> in element <paramref name="index"/> atomically and returns the value before.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static long Exchange(this SharedArray<long> array, int index, long value) =>
        Interlocked.Exchange(ref Element(array, index), value);

    /// <summary>Stores <paramref name="value"/> in element <paramref name="index"/> if it equals
    /// <paramref name="comparand"/>, atomically; returns the value before either way.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    public static long CompareExchange(this SharedArray<long> array, int index, long value, long comparand) =>
        Interlocked.CompareExchange(ref Element(array, index), value, comparand);

    private static ref T Element<T>(SharedArray<T> array, int index)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        return ref array[index];
    }
}
