using System.Diagnostics;
using Parallelize.Execution;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests.Scheduling;

/// <summary>
/// How many items the pool puts in a map's next slice (<see cref="WorkJob.NextChunkSize"/>): the automatic size until the
/// items prove fast, then as many as take about 2 ms of a worker's time, never fewer, never more than the fast cap.
/// </summary>
public sealed class ChunkSizingTests
{
    [Fact]
    public void Items_of_unknown_speed_go_in_chunks_of_the_automatic_size()
    {
        Assert.Equal(1024, Job(chunkSize: 1024, fastChunkSize: 8192).NextChunkSize());
    }

    [Fact]
    public void Items_that_prove_tiny_go_in_chunks_of_the_fast_cap()
    {
        WorkJob job = Job(chunkSize: 1024, fastChunkSize: 8192);
        job.Observe(PerItem(TimeSpan.FromTicks(1), 1024), 1024); // 100 ns each
        Assert.Equal(8192, job.NextChunkSize());
    }

    [Fact]
    public void Fast_items_go_in_chunks_of_about_two_milliseconds_between_the_two_sizes()
    {
        WorkJob job = Job(chunkSize: 100, fastChunkSize: 8192);
        job.Observe(PerItem(TimeSpan.FromMicroseconds(1), 1000), 1000);
        Assert.InRange(job.NextChunkSize(), 1900, 2100);

        // 40 µs each is fast, but 2 ms of them is fewer than the automatic size, which stays the floor.
        WorkJob slower = Job(chunkSize: 100, fastChunkSize: 8192);
        slower.Observe(PerItem(TimeSpan.FromMicroseconds(40), 1000), 1000);
        Assert.Equal(100, slower.NextChunkSize());
    }

    [Fact]
    public void Items_slower_than_fifty_microseconds_keep_the_automatic_size()
    {
        WorkJob job = Job(chunkSize: 1024, fastChunkSize: 8192);
        job.Observe(PerItem(TimeSpan.FromMilliseconds(1), 10), 10);
        Assert.Equal(1024, job.NextChunkSize());
    }

    [Fact]
    public void A_chunk_size_the_caller_chose_holds_however_fast_the_items_are()
    {
        WorkJob job = Job(chunkSize: 7, fastChunkSize: 7);
        job.Observe(PerItem(TimeSpan.FromTicks(1), 1000), 1000);
        Assert.Equal(7, job.NextChunkSize());
    }

    private static WorkJob Job(int chunkSize, int fastChunkSize) =>
        new MethodMapJob<long, long>(new long[100_000], PoolMethods.Methods.Twice, MapOptions.Default, streaming: false, CancellationToken.None)
        {
            ChunkSize = chunkSize,
            FastChunkSize = fastChunkSize,
        };

    /// <summary>Stopwatch ticks for <paramref name="items"/> items of <paramref name="each"/>.</summary>
    private static long PerItem(TimeSpan each, int items) => (long)(each.TotalSeconds * Stopwatch.Frequency * items);
}
