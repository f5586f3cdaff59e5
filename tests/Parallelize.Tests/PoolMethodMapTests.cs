using Parallelize.Tests.Infrastructure;
using Parallelize.TestLibrary;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>
/// Maps of a generated <c>Methods</c> value (a <see cref="RemoteMethod{TArgs, TResult}"/>): no call object per item, the
/// same guarantees as a map through a selector, with real worker processes.
/// </summary>
public sealed class PoolMethodMapTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(7)]
    public async Task MapAsync_of_a_method_returns_results_in_input_order_for_any_chunk_size(int? chunkSize)
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        long[] items = [.. Enumerable.Range(0, 10_000).Select(i => (long)i)];

        long[] results = await pool.MapAsync(items, PoolMethods.Methods.Twice, new MapOptions { ChunkSize = chunkSize }).WaitAsync(Limit);

        Assert.Equal(items.Select(i => 2 * i), results);
    }

    [Fact]
    public async Task Arguments_and_results_that_cross_as_their_bytes_come_back_exact()
    {
        // These maps copy a batch's arguments as one block and read results without a call each: the worker must read
        // what its per-item reader expects, edge values, negative numbers and padded structs included.
        Assert.True(RawBytesMethods.Methods.Halve.CopiesArguments && RawBytesMethods.Methods.Halve.CopiesResults);
        Assert.True(RawBytesMethods.Methods.Flip.CopiesArguments && RawBytesMethods.Methods.Flip.CopiesResults);
        Assert.True(RawBytesMethods.Methods.Bump.CopiesArguments && RawBytesMethods.Methods.Bump.CopiesResults);
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        var options = new MapOptions { ChunkSize = 37 };

        double[] doubles = [0.0, -0.0, double.NaN, double.Epsilon, double.MaxValue, double.NegativeInfinity, .. Enumerable.Range(0, 500).Select(i => i * 1.25)];
        Assert.Equal(doubles.Select(RawBytesMethods.Halve), await pool.MapAsync(doubles, RawBytesMethods.Methods.Halve, options).WaitAsync(Limit));

        sbyte[] sbytes = [.. Enumerable.Range(sbyte.MinValue, 256).Select(i => (sbyte)i)];
        Assert.Equal(sbytes.Select(RawBytesMethods.Negate), await pool.MapAsync(sbytes, RawBytesMethods.Methods.Negate, options).WaitAsync(Limit));

        ulong[] ulongs = [0, 1, ulong.MaxValue, 0x0123_4567_89AB_CDEF, .. Enumerable.Range(0, 300).Select(i => (ulong)i << 40)];
        Assert.Equal(ulongs.Select(RawBytesMethods.Invert), await pool.MapAsync(ulongs, RawBytesMethods.Methods.Invert, options).WaitAsync(Limit));

        char[] chars = ['\0', 'é', '\uD83D', '\uFFFE', .. "grüße, 😀"];
        Assert.Equal(chars.Select(RawBytesMethods.Next), await pool.MapAsync(chars, RawBytesMethods.Methods.Next, options).WaitAsync(Limit));

        Half[] halves = [Half.Zero, Half.NaN, Half.MaxValue, Half.Epsilon, (Half)(-1.5), .. Enumerable.Range(0, 100).Select(i => (Half)i)];
        Assert.Equal(halves.Select(RawBytesMethods.Twice), await pool.MapAsync(halves, RawBytesMethods.Methods.Twice, options).WaitAsync(Limit));

        Shade[] shades = [.. Enumerable.Range(0, 200).Select(i => i % 3 == 0 ? Shade.Dark : Shade.Light)];
        Assert.Equal(shades.Select(RawBytesMethods.Flip), await pool.MapAsync(shades, RawBytesMethods.Methods.Flip, options).WaitAsync(Limit));

        Sample[] samples = [.. Enumerable.Range(0, 1000).Select(i => new Sample((byte)i, i / 3.0, -i))];
        Assert.Equal(samples.Select(RawBytesMethods.Bump), await pool.MapAsync(samples, RawBytesMethods.Methods.Bump, options).WaitAsync(Limit));
    }

    [Fact]
    public async Task A_method_of_several_parameters_maps_over_tuples_like_starmap()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        (int item, int microseconds)[] items = [.. Enumerable.Range(0, 300).Select(i => (i, 10))];

        int[] results = await pool.MapAsync(items, PoolMethods.Methods.SlowIdentity).WaitAsync(Limit);

        Assert.Equal(Enumerable.Range(0, 300), results);
    }

    [Fact]
    public async Task A_throwing_item_fails_alone_and_the_other_results_are_kept()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });

        MapFailedException error = await Assert.ThrowsAsync<MapFailedException>(() =>
            pool.MapAsync(Enumerable.Range(0, 1000).Select(i => (i, 500, "throw")), PoolMethods.Methods.DieAt).WaitAsync(Limit));

        MapItemFailure failure = Assert.Single(error.Failures);
        Assert.Equal(500, failure.Index);
        RemoteException remote = Assert.IsType<RemoteException>(failure.Error);
        Assert.Contains("item 500 is bad", remote.Message);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i == 500 ? 0 : i), (int[])error.Results);
    }

    [Fact]
    public async Task A_worker_killed_mid_map_fails_exactly_its_running_item_and_names_the_method()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        await pool.StartAsync().WaitAsync(Limit);
        int[] before = [.. pool.WorkerProcessIds];

        MapFailedException error = await Assert.ThrowsAsync<MapFailedException>(() =>
            pool.MapAsync(Enumerable.Range(0, 2000).Select(i => (i, 777, "kill")), PoolMethods.Methods.DieAt).WaitAsync(Limit));

        MapItemFailure failure = Assert.Single(error.Failures);
        Assert.Equal(777, failure.Index);
        WorkerCrashedException crash = Assert.IsType<WorkerCrashedException>(failure.Error);
        Assert.Contains(crash.Pid, before);
        Assert.Contains("'Parallelize.Tests.Methods.PoolMethods.DieAt'", crash.Message);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => i == 777 ? 0 : i), (int[])error.Results);
        await PoolAssert.AllGoneAsync([crash.Pid]);
    }

    [Fact]
    public async Task MapStreamAsync_of_a_method_yields_every_result_in_order()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        var seen = new List<long>();

        await foreach (long result in pool.MapStreamAsync(Enumerable.Range(0, 500).Select(i => (long)i), PoolMethods.Methods.Twice))
        {
            seen.Add(result);
        }

        Assert.Equal(Enumerable.Range(0, 500).Select(i => 2L * i), seen);
    }

    [Fact]
    public async Task MapUnorderedAsync_of_a_method_yields_every_result_once()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        var seen = new List<int>();

        await foreach (int result in pool.MapUnorderedAsync(
            Enumerable.Range(0, 200).Select(i => (i, (200 - i) * 20)), PoolMethods.Methods.SlowIdentity, new MapOptions { ChunkSize = 1 }))
        {
            seen.Add(result);
        }

        Assert.Equal(Enumerable.Range(0, 200), seen.Order());
    }

    [Fact]
    public async Task Cancelling_a_method_map_stops_it_and_the_pool_keeps_working()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2 });
        using var cancel = new CancellationTokenSource();

        Task<int[]> map = pool.MapAsync(Enumerable.Range(0, 10_000).Select(i => (i, 1000)), PoolMethods.Methods.SlowIdentity, cancel.Token);
        await Task.Delay(200);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => map.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(new long[] { 2, 4 }, await pool.MapAsync(new long[] { 1, 2 }, PoolMethods.Methods.Twice).WaitAsync(Limit));
    }

    [Fact]
    public async Task A_method_that_takes_a_token_is_marked_so_and_its_token_is_not_an_argument()
    {
        RemoteMethod<string, int> method = PoolMethods.Methods.WaitForCancellation;

        Assert.True(method.ObservesCancellation);
        Assert.False(PoolMethods.Methods.Twice.ObservesCancellation);
        Assert.Equal("Parallelize.Tests.Methods.PoolMethods.Twice", PoolMethods.Methods.Twice.MethodName);
    }
}
