using static Parallelize.Tests.Infrastructure.SharedTesting;

namespace Parallelize.Tests.Sharing;

public sealed class SharedArrayTests
{
    [Fact]
    public void Elements_are_read_and_written_in_place()
    {
        using var array = new SharedArray<int>(5);
        Assert.Equal(5, array.Length);
        Assert.Equal(new int[5], array.AsSpan().ToArray());

        array[0] = 10;
        array[4]++;
        ref int middle = ref array[2];
        middle = 7;
        array.AsSpan()[3] = 9;
        Assert.Equal(new[] { 10, 0, 7, 9, 1 }, array.AsSpan().ToArray());
        Assert.True(array.HasLock);
    }

    [Fact]
    public unsafe void It_copies_an_initial_span_and_aligns_the_elements()
    {
        double[] initial = [1.5, 2.5, 3.5];
        using var array = new SharedArray<double>(initial, withLock: false);
        Assert.Equal(initial, array.AsSpan().ToArray());
        Assert.False(array.HasLock);
        Assert.Throws<InvalidOperationException>(() => array.Lock);
        fixed (double* first = array.AsSpan())
        {
            Assert.Equal(0, (long)first % 64);
        }

        using var empty = new SharedArray<byte>(0);
        Assert.Equal(0, empty.Length);
        Assert.True(empty.AsSpan().IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedArray<int>(-1));
    }

    [Fact]
    public void The_indexer_checks_bounds()
    {
        using var array = new SharedArray<long>(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => array[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => array[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => array.Increment(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedArray<int>(0).Increment(0));
    }

    [Fact]
    public void Atomic_helpers_count_exactly_across_threads_and_views()
    {
        const int Threads = 4, Increments = 10_000;
        using var ints = new SharedArray<int>(4, withLock: false);
        ints[3] = 5;
        using var longs = new SharedArray<long>(2, withLock: false);
        using var intView = View(ints, SharedArray<int>.ReadShared);
        using var longView = View(longs, SharedArray<long>.ReadShared);

        Task[] workers = [.. Enumerable.Range(0, Threads).Select(t => OnThread(() =>
        {
            SharedArray<int> myInts = t % 2 == 0 ? ints : intView;
            SharedArray<long> myLongs = t % 2 == 0 ? longs : longView;
            for (int i = 0; i < Increments; i++)
            {
                myInts.Increment(0);
                myInts.Add(1, 2);
                myInts.Decrement(2);
                myLongs.Add(1, 1L << 32);
                myLongs.Increment(0);
            }
        }))];
        foreach (Task worker in workers)
        {
            Finishes(worker);
        }

        Assert.Equal(new[] { Threads * Increments, 2 * Threads * Increments, -Threads * Increments, 5 }, ints.AsSpan().ToArray());
        Assert.Equal(new[] { (long)Threads * Increments, (1L << 32) * Threads * Increments }, longs.AsSpan().ToArray());
    }

    [Fact]
    public void Atomic_helpers_return_what_Interlocked_returns()
    {
        using var ints = new SharedArray<int>([1, 2]);
        Assert.Equal(2, ints.Increment(0));
        Assert.Equal(1, ints.Decrement(1));
        Assert.Equal(5, ints.Add(0, 3));
        Assert.Equal(5, ints.Exchange(0, 6));
        Assert.Equal(6, ints.CompareExchange(0, 8, 5));
        Assert.Equal(6, ints.CompareExchange(0, 8, 6));
        Assert.Equal(new[] { 8, 1 }, ints.AsSpan().ToArray());

        using var longs = new SharedArray<long>([long.MaxValue]);
        Assert.Equal(long.MinValue, longs.Increment(0));
        Assert.Equal(long.MinValue, longs.Exchange(0, 1));
        Assert.Equal(1, longs.CompareExchange(0, 2, 1));
        Assert.Equal(4, longs.Add(0, 2));
        Assert.Equal(3, longs.Decrement(0));
    }

    [Fact]
    public void A_counter_guarded_by_the_lock_counts_exactly()
    {
        using var array = new SharedArray<double>(1);
        using var view = View(array, SharedArray<double>.ReadShared);
        Task[] workers = [.. Enumerable.Range(0, 4).Select(t => OnThread(() =>
        {
            SharedArray<double> mine = t % 2 == 0 ? array : view;
            for (int i = 0; i < 5000; i++)
            {
                using (mine.Lock.Acquire())
                {
                    mine[0] += 1;
                }
            }
        }))];
        foreach (Task worker in workers)
        {
            Finishes(worker);
        }

        Assert.Equal(20_000, array[0]);
    }

    [Fact]
    public void A_view_through_a_handle_shares_the_elements()
    {
        using var array = new SharedArray<short>([1, 2, 3]);
        using var view = View(array, SharedArray<short>.ReadShared);
        Assert.Equal(3, view.Length);
        Assert.True(view.HasLock);
        view[1] = 20;
        array.AsSpan()[2] = 30;
        Assert.Equal(new short[] { 1, 20, 30 }, view.AsSpan().ToArray());
        Assert.Equal(new short[] { 1, 20, 30 }, array.AsSpan().ToArray());
    }

    [Fact]
    public void A_handle_read_with_another_type_is_refused()
    {
        using var array = new SharedArray<int>(4);
        using var value = new SharedValue<long>();
        AssertRefused(array, SharedArray<long>.ReadShared);
        AssertRefused(array, SharedArray<byte>.ReadShared);
        AssertRefused(value, SharedArray<long>.ReadShared);
        AssertRefused(array, ProcessEvent.ReadShared);
        Assert.Equal(4, View(array, SharedArray<uint>.ReadShared).Length); // the same size is all a handle can check
    }

    [Fact]
    public void A_disposed_array_throws_and_disposes_its_lock()
    {
        var array = new SharedArray<int>(2);
        ProcessLock @lock = array.Lock;
        array.Dispose();
        Assert.Throws<ObjectDisposedException>(() => array[0]);
        Assert.Throws<ObjectDisposedException>(() => array.AsSpan());
        Assert.Throws<ObjectDisposedException>(() => array.Add(0, 1));
        Assert.Throws<ObjectDisposedException>(() => @lock.Acquire());
        Assert.Equal(0, array.Segment.References);
        Assert.Equal(2, array.Length);
    }
}
