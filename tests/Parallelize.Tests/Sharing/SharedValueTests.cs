using System.Runtime.InteropServices;
using static Parallelize.Tests.Infrastructure.SharedTesting;

namespace Parallelize.Tests.Sharing;

public sealed class SharedValueTests
{
    [Fact]
    public void The_value_is_read_and_written_in_place()
    {
        using var shared = new SharedValue<double>(1.5);
        Assert.Equal(1.5, shared.Value);
        shared.Value *= 2;
        ref double slot = ref shared.Value;
        slot += 1;
        Assert.Equal(4.0, shared.Value);
        Assert.Equal(1, shared.AsSpan().Length);
        shared.AsSpan()[0] = 7;
        Assert.Equal(7.0, shared.Value);
        Assert.True(shared.HasLock);

        using var plain = new SharedValue<long>(withLock: false);
        Assert.Equal(0, plain.Value);
        Assert.False(plain.HasLock);
        Assert.Throws<InvalidOperationException>(() => plain.Lock);
    }

    [Fact]
    public unsafe void The_value_starts_on_its_own_cache_line()
    {
        using var shared = new SharedValue<Pair>(new Pair(3, 4));
        fixed (Pair* value = &shared.Value)
        {
            Assert.Equal(0, (long)value % 64);
        }

        Assert.Equal(new Pair(3, 4), shared.Value);
    }

    [Fact]
    public void A_counter_guarded_by_its_lock_counts_exactly_across_threads_and_views()
    {
        const int Threads = 4, Increments = 10_000;
        using var counter = new SharedValue<int>();
        using var view = View(counter, SharedValue<int>.ReadShared);
        Assert.True(view.HasLock);

        Task[] workers = [.. Enumerable.Range(0, Threads).Select(t => OnThread(() =>
        {
            SharedValue<int> mine = t % 2 == 0 ? counter : view;
            for (int i = 0; i < Increments; i++)
            {
                using (mine.Lock.Acquire())
                {
                    mine.Value++;
                }
            }
        }))];
        foreach (Task worker in workers)
        {
            Finishes(worker);
        }

        Assert.Equal(Threads * Increments, counter.Value);
        Assert.False(counter.Lock.IsLocked);
    }

    [Fact]
    public void Atomic_helpers_count_exactly_without_the_lock()
    {
        const int Threads = 4, Increments = 10_000;
        using var ints = new SharedValue<int>(withLock: false);
        using var longs = new SharedValue<long>(withLock: false);
        using var uints = new SharedValue<uint>(withLock: false);
        using var ulongs = new SharedValue<ulong>(withLock: false);
        using var doubles = new SharedValue<double>(withLock: false);
        Task[] workers = [.. Enumerable.Range(0, Threads).Select(_ => OnThread(() =>
        {
            for (int i = 0; i < Increments; i++)
            {
                ints.Increment();
                longs.Add(2);
                uints.Increment();
                ulongs.Add(3);
                doubles.Add(0.5);
            }
        }))];
        foreach (Task worker in workers)
        {
            Finishes(worker);
        }

        Assert.Equal(Threads * Increments, ints.Value);
        Assert.Equal(2L * Threads * Increments, longs.Value);
        Assert.Equal((uint)(Threads * Increments), uints.Value);
        Assert.Equal(3UL * Threads * Increments, ulongs.Value);
        Assert.Equal(0.5 * Threads * Increments, doubles.Value);
    }

    [Fact]
    public void Atomic_helpers_return_what_Interlocked_returns()
    {
        using var ints = new SharedValue<int>(5);
        Assert.Equal(6, ints.Increment());
        Assert.Equal(5, ints.Decrement());
        Assert.Equal(8, ints.Add(3));
        Assert.Equal(8, ints.Exchange(1));
        Assert.Equal(1, ints.CompareExchange(9, 2));
        Assert.Equal(1, ints.CompareExchange(9, 1));
        Assert.Equal(9, ints.Value);

        using var longs = new SharedValue<long>(long.MaxValue - 1);
        Assert.Equal(long.MaxValue, longs.Increment());
        Assert.Equal(long.MaxValue, longs.CompareExchange(0, long.MaxValue));
        Assert.Equal(-1, longs.Decrement());

        using var uints = new SharedValue<uint>();
        Assert.Equal(uint.MaxValue, uints.Decrement());
        Assert.Equal(uint.MaxValue, uints.Exchange(4));
        Assert.Equal(4u, uints.CompareExchange(5, 4));

        using var ulongs = new SharedValue<ulong>(ulong.MaxValue);
        Assert.Equal(0UL, ulongs.Increment());
        Assert.Equal(0UL, ulongs.Exchange(7));
        Assert.Equal(7UL, ulongs.CompareExchange(8, 7));
        Assert.Equal(9UL, ulongs.Add(1));

        using var doubles = new SharedValue<double>(double.NaN);
        Assert.True(double.IsNaN(doubles.Add(1)));
        Assert.True(double.IsNaN(doubles.Exchange(2.5)));
        Assert.Equal(2.5, doubles.CompareExchange(3, 2.5));
        Assert.Equal(3, doubles.CompareExchange(4, 2.5));
        Assert.Equal(3, doubles.Value);
    }

    [Fact]
    public void A_view_through_a_handle_shares_the_value_and_the_lock()
    {
        using var shared = new SharedValue<long>(42);
        using var view = View(shared, SharedValue<long>.ReadShared);
        Assert.Equal(42, view.Value);
        view.Value = 43;
        Assert.Equal(43, shared.Value);
        using (shared.Lock.Acquire())
        {
            Assert.True(view.Lock.IsLocked);
        }

        using var unlocked = new SharedValue<long>(withLock: false);
        Assert.False(View(unlocked, SharedValue<long>.ReadShared).HasLock);
    }

    [Fact]
    public void A_handle_read_with_another_type_is_refused()
    {
        using var shared = new SharedValue<int>(1);
        using var array = new SharedArray<int>(1);
        AssertRefused(shared, SharedValue<long>.ReadShared);
        AssertRefused(shared, SharedArray<int>.ReadShared);
        AssertRefused(array, SharedValue<int>.ReadShared);
        AssertRefused(shared, ProcessLock.ReadShared);
    }

    [Fact]
    public void A_disposed_value_throws_and_disposes_its_lock()
    {
        var shared = new SharedValue<int>();
        ProcessLock @lock = shared.Lock;
        shared.Dispose();
        Assert.Throws<ObjectDisposedException>(() => shared.Value);
        Assert.Throws<ObjectDisposedException>(() => shared.AsSpan());
        Assert.Throws<ObjectDisposedException>(() => shared.Increment());
        Assert.Throws<ObjectDisposedException>(() => @lock.Acquire());
        Assert.Equal(0, shared.Segment.References);
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Pair(int A, long B);
}
