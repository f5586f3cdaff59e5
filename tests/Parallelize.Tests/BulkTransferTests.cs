using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>Large arrays cross through shared memory with real children, both ways, through both executors.</summary>
public sealed class BulkTransferTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private const int Threshold = 64 * 1024;

    private static async Task<T> RunInChild<T>(Call<T> call, ChildProcessOptions? options = null)
    {
        await using ChildProcess<T> child = ChildProcess.Start(call, options);
        return await child.JoinAsync(Limit);
    }

    [Theory]
    [InlineData(-8)]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(16 * 1024 * 1024)]
    public async Task Arrays_around_the_default_threshold_cross_a_dedicated_child_both_ways(int bytesOverThreshold)
    {
        int bytes = ChildProcessOptions.Default.SharedMemoryThresholdBytes + bytesOverThreshold;
        double[] values = BulkMethods.Pattern(bytes / sizeof(double), seed: 3);

        Assert.Equal(values, await RunInChild(BulkMethods.Calls.Echo(values)));
        Assert.Equal(values.Sum(), await RunInChild(BulkMethods.Calls.Sum(values)));
        Assert.Equal(BulkMethods.Pattern(values.Length, seed: 1), await RunInChild(BulkMethods.Calls.Make(values.Length)));
    }

    [Fact]
    public async Task Blocks_take_shared_memory_from_the_threshold_on_in_both_directions()
    {
        // A frame limit below the threshold: only a block that goes through shared memory can cross at all.
        var options = new ChildProcessOptions { MaxFrameBytes = 4096 };
        int threshold = options.SharedMemoryThresholdBytes;
        double[] at = BulkMethods.Pattern(threshold / sizeof(double), seed: 6);

        Assert.Throws<ProtocolException>(() => ChildProcess.Start(BulkMethods.Calls.Echo(at[1..]), options));
        Assert.Equal(at, await RunInChild(BulkMethods.Calls.Echo(at), options));
        Assert.Equal(BulkMethods.Pattern(at.Length, seed: 1), await RunInChild(BulkMethods.Calls.Make(at.Length), options));
        await Assert.ThrowsAsync<ProtocolException>(() => RunInChild(BulkMethods.Calls.Make(at.Length - 1), options));
    }

    [Fact]
    public async Task A_100_MB_array_crosses_a_pool_worker_both_ways_within_the_default_frame_limit()
    {
        double[] values = BulkMethods.Pattern(12_500_000, seed: 5);
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        Assert.True(values.Length * sizeof(double) > pool.Options.MaxFrameBytes);

        for (int round = 0; round < 2; round++)
        {
            Assert.Equal(values, await pool.RunAsync(BulkMethods.Calls.Echo(values)).WaitAsync(Limit));
        }

        Assert.Equal(values.Sum(), await pool.RunAsync(BulkMethods.Calls.Sum(values)).WaitAsync(Limit));
        Assert.Equal(BulkMethods.Pattern(values.Length, seed: 1), await pool.RunAsync(BulkMethods.Calls.Make(values.Length)).WaitAsync(Limit));
    }

    [Fact]
    public async Task Several_calls_in_flight_on_a_pool_keep_their_blocks_apart()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2, SharedMemoryThresholdBytes = Threshold });
        double[][] inputs = [.. Enumerable.Range(0, 12).Select(static i => BulkMethods.Pattern(100_000 + (i * 1000), seed: i))];

        Task<double[]?>[] echoes = [.. inputs.Select(input => pool.RunAsync(BulkMethods.Calls.Echo(input)))];
        Task<double[]>[] made = [.. Enumerable.Range(0, 6).Select(i => pool.RunAsync(BulkMethods.Calls.Make(200_000 + i)))];
        await Task.WhenAll(echoes).WaitAsync(Limit);
        await Task.WhenAll(made).WaitAsync(Limit);

        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i], await echoes[i]);
        }

        for (int i = 0; i < made.Length; i++)
        {
            Assert.Equal(BulkMethods.Pattern(200_000 + i, seed: 1), await made[i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_map_of_large_items_crosses_both_ways_in_order(int chunkSize)
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 2, SharedMemoryThresholdBytes = Threshold });
        double[][] inputs = [.. Enumerable.Range(0, 40).Select(static i => BulkMethods.Pattern(32_768 + i, seed: i))];
        var options = new MapOptions { ChunkSize = chunkSize };

        double[]?[] echoed = await pool.MapAsync(inputs, BulkMethods.Methods.Echo, options).WaitAsync(Limit);
        double[] sums = await pool.MapAsync(inputs, input => BulkMethods.Calls.Sum(input), options).WaitAsync(Limit);

        Assert.Equal(inputs, echoed);
        Assert.Equal(inputs.Select(static input => input.Sum()), sums);
    }

    [Fact]
    public async Task Several_large_arrays_of_different_types_cross_in_one_call()
    {
        double[] doubles = BulkMethods.Pattern(20_000, seed: 0);
        int[] ints = [.. Enumerable.Range(-50_000, 100_000)];
        byte[] bytes = [.. Enumerable.Range(0, 300_000).Select(static i => (byte)i)];
        var options = new ChildProcessOptions { SharedMemoryThresholdBytes = Threshold };

        long[] joined = await RunInChild(BulkMethods.Calls.Join(doubles, ints, bytes), options);

        Assert.Equal([.. doubles.Select(static d => (long)d), .. ints.Select(static i => (long)i), .. bytes.Select(static b => (long)b)], joined);
    }

    [Fact]
    public async Task Null_empty_and_one_item_arrays_cross_with_the_smallest_threshold()
    {
        var options = new ChildProcessOptions { SharedMemoryThresholdBytes = 1 };

        Assert.Null(await RunInChild(BulkMethods.Calls.Echo(null), options));
        Assert.Empty((await RunInChild(BulkMethods.Calls.Echo([]), options))!);
        double[]? one = await RunInChild(BulkMethods.Calls.Echo([double.NaN]), options);
        Assert.Equal(new[] { double.NaN }, one);
    }

    [Fact]
    public async Task Blocks_in_shared_memory_do_not_count_against_the_frame_limit()
    {
        double[] values = BulkMethods.Pattern(512 * 1024, seed: 9);
        var shared = new ProcessPoolOptions { WorkerCount = 1, MaxFrameBytes = 1024 * 1024 };
        await using (var pool = new ProcessPool(shared))
        {
            Assert.Equal(values, await pool.RunAsync(BulkMethods.Calls.Echo(values)).WaitAsync(Limit));
            Assert.Equal(values.Length, (await pool.RunAsync(BulkMethods.Calls.Make(values.Length)).WaitAsync(Limit)).Length);
        }

        await using (var pool = new ProcessPool(shared with { MaxSharedMemoryBytes = 0 }))
        {
            ProtocolException error = await Assert.ThrowsAsync<ProtocolException>(() => pool.RunAsync(BulkMethods.Calls.Echo(values)).WaitAsync(Limit));
            Assert.Contains("MaxFrameBytes", error.Message);
        }
    }

    [Fact]
    public async Task Through_the_pipe_batches_larger_than_it_sent_one_after_another_arrive_whole_and_in_order()
    {
        // Each batch (100 arrays of 4 KB) is larger than the request pipe, and once the items prove fast several are
        // in flight: the parent writes what the pipe takes at once and the rest off-thread, and later batches must
        // queue behind that rest. Interleaved bytes would fail to decode.
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1, MaxSharedMemoryBytes = 0 });
        double[][] inputs = [.. Enumerable.Range(0, 3000).Select(static i => BulkMethods.Pattern(500, seed: i))];

        double[]?[] echoed = await pool.MapAsync(inputs, BulkMethods.Methods.Echo, new MapOptions { ChunkSize = 100 }).WaitAsync(Limit);

        Assert.Equal(inputs, echoed);
    }

    [Fact]
    public async Task A_block_larger_than_the_shared_memory_goes_in_the_message_and_meets_the_frame_limit()
    {
        var options = new ChildProcessOptions { MaxSharedMemoryBytes = 2 * 1024 * 1024, MaxFrameBytes = 1024 * 1024 };

        Assert.Equal(100_000, (await RunInChild(BulkMethods.Calls.Echo(new double[100_000]), options))!.Length);
        Assert.Throws<ProtocolException>(() => ChildProcess.Start(BulkMethods.Calls.Echo(new double[300_000]), options));
    }

    [Fact]
    public void The_options_reject_sizes_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChildProcessOptions { SharedMemoryThresholdBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChildProcessOptions { MaxSharedMemoryBytes = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPoolOptions { SharedMemoryThresholdBytes = -5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPoolOptions { MaxSharedMemoryBytes = (1L << 40) + 1 });
        Assert.Equal(16 * 1024, ProcessPoolOptions.Default.SharedMemoryThresholdBytes);
        Assert.Equal(1L << 30, ChildProcessOptions.Default.MaxSharedMemoryBytes);
    }
}
