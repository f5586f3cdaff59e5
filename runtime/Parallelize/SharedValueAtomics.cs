namespace Parallelize;

/// <summary>
/// Atomic operations on a <see cref="SharedValue{T}"/> of <see cref="int"/>, <see cref="long"/>, <see cref="uint"/>,
/// <see cref="ulong"/> or <see cref="double"/>: each is one atomic instruction on the shared memory (a
/// compare-and-swap loop for <c>double</c> addition), correct across processes without the value's lock.
/// </summary>
/// <remarks>Python's <c>Value</c> has no atomic operations: there, <c>with v.get_lock(): v.value += 1</c> is the way.
/// These do the same without a lock; mixing them with lock-guarded updates of the same value is fine, as long as
/// the guarded code does not assume the value holds still.</remarks>
public static class SharedValueAtomics
{
    /// <summary>Adds <paramref name="value"/> atomically and returns the new value.</summary>
    public static int Add(this SharedValue<int> shared, int value) => Interlocked.Add(ref Ref(shared), value);

    /// <summary>Adds one atomically and returns the new value.</summary>
    public static int Increment(this SharedValue<int> shared) => Interlocked.Increment(ref Ref(shared));

    /// <summary>Subtracts one atomically and returns the new value.</summary>
    public static int Decrement(this SharedValue<int> shared) => Interlocked.Decrement(ref Ref(shared));

    /// <summary>Stores <paramref name="value"/> atomically and returns the value before.</summary>
    public static int Exchange(this SharedValue<int> shared, int value) => Interlocked.Exchange(ref Ref(shared), value);

    /// <summary>Stores <paramref name="value"/> if the value equals <paramref name="comparand"/>, atomically; returns
    /// the value before either way.</summary>
    public static int CompareExchange(this SharedValue<int> shared, int value, int comparand) =>
        Interlocked.CompareExchange(ref Ref(shared), value, comparand);

    /// <summary>Adds <paramref name="value"/> atomically and returns the new value.</summary>
    public static long Add(this SharedValue<long> shared, long value) => Interlocked.Add(ref Ref(shared), value);

    /// <summary>Adds one atomically and returns the new value.</summary>
    public static long Increment(this SharedValue<long> shared) => Interlocked.Increment(ref Ref(shared));

    /// <summary>Subtracts one atomically and returns the new value.</summary>
    public static long Decrement(this SharedValue<long> shared) => Interlocked.Decrement(ref Ref(shared));

    /// <summary>Stores <paramref name="value"/> atomically and returns the value before.</summary>
    public static long Exchange(this SharedValue<long> shared, long value) => Interlocked.Exchange(ref Ref(shared), value);

    /// <summary>Stores <paramref name="value"/> if the value equals <paramref name="comparand"/>, atomically; returns
    /// the value before either way.</summary>
    public static long CompareExchange(this SharedValue<long> shared, long value, long comparand) =>
        Interlocked.CompareExchange(ref Ref(shared), value, comparand);

    /// <summary>Adds <paramref name="value"/> atomically and returns the new value.</summary>
    public static uint Add(this SharedValue<uint> shared, uint value) => Interlocked.Add(ref Ref(shared), value);

    /// <summary>Adds one atomically and returns the new value.</summary>
    public static uint Increment(this SharedValue<uint> shared) => Interlocked.Increment(ref Ref(shared));

    /// <summary>Subtracts one atomically and returns the new value.</summary>
    public static uint Decrement(this SharedValue<uint> shared) => Interlocked.Decrement(ref Ref(shared));

    /// <summary>Stores <paramref name="value"/> atomically and returns the value before.</summary>
    public static uint Exchange(this SharedValue<uint> shared, uint value) => Interlocked.Exchange(ref Ref(shared), value);

    /// <summary>Stores <paramref name="value"/> if the value equals <paramref name="comparand"/>, atomically; returns
    /// the value before either way.</summary>
    public static uint CompareExchange(this SharedValue<uint> shared, uint value, uint comparand) =>
        Interlocked.CompareExchange(ref Ref(shared), value, comparand);

    /// <summary>Adds <paramref name="value"/> atomically and returns the new value.</summary>
    public static ulong Add(this SharedValue<ulong> shared, ulong value) => Interlocked.Add(ref Ref(shared), value);

    /// <summary>Adds one atomically and returns the new value.</summary>
    public static ulong Increment(this SharedValue<ulong> shared) => Interlocked.Increment(ref Ref(shared));

    /// <summary>Subtracts one atomically and returns the new value.</summary>
    public static ulong Decrement(this SharedValue<ulong> shared) => Interlocked.Decrement(ref Ref(shared));

    /// <summary>Stores <paramref name="value"/> atomically and returns the value before.</summary>
    public static ulong Exchange(this SharedValue<ulong> shared, ulong value) => Interlocked.Exchange(ref Ref(shared), value);

    /// <summary>Stores <paramref name="value"/> if the value equals <paramref name="comparand"/>, atomically; returns
    /// the value before either way.</summary>
    public static ulong CompareExchange(this SharedValue<ulong> shared, ulong value, ulong comparand) =>
        Interlocked.CompareExchange(ref Ref(shared), value, comparand);

    /// <summary>Adds <paramref name="value"/> atomically (a compare-and-swap loop) and returns the new value.</summary>
    public static double Add(this SharedValue<double> shared, double value)
    {
        ref double target = ref Ref(shared);
        double seen = Volatile.Read(ref target);
        while (true)
        {
            double sum = seen + value;
            double before = Interlocked.CompareExchange(ref target, sum, seen);
            if (BitConverter.DoubleToInt64Bits(before) == BitConverter.DoubleToInt64Bits(seen))
            {
                return sum;
            }

            seen = before;
        }
    }

    /// <summary>Stores <paramref name="value"/> atomically and returns the value before.</summary>
    public static double Exchange(this SharedValue<double> shared, double value) => Interlocked.Exchange(ref Ref(shared), value);

    /// <summary>Stores <paramref name="value"/> if the value equals <paramref name="comparand"/> bit for bit,
    /// atomically; returns the value before either way.</summary>
    public static double CompareExchange(this SharedValue<double> shared, double value, double comparand) =>
        Interlocked.CompareExchange(ref Ref(shared), value, comparand);

    private static ref T Ref<T>(SharedValue<T> shared)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shared);
        return ref shared.Value;
    }
}
