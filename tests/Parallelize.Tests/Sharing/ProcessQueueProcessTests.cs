using Parallelize.Tests.Infrastructure;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests.Sharing;

/// <summary>Queues and joinable queues shared by real child processes.</summary>
[Collection(nameof(CpuHeavy))]
public sealed class ProcessQueueProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FourProducersAndThreeConsumerProcessesMoveHundredThousandItemsExactlyOnce()
    {
        const int Producers = 4;
        const int PerProducer = 25_000;
        using var queue = new ProcessQueue<int>(bufferBytes: 64 * 1024);
        var consumers = Enumerable.Range(0, 3).Select(_ => ChildProcess.Start(ChannelMethods.Calls.Consume(queue))).ToArray();
        var producers = Enumerable.Range(0, Producers)
            .Select(p => ChildProcess.Start(ChannelMethods.Calls.Produce(queue, p * PerProducer, PerProducer))).ToArray();
        try
        {
            foreach (var producer in producers)
            {
                Assert.Equal(PerProducer, await producer.JoinAsync(Patience));
            }

            queue.Close();
            var seen = new int[Producers * PerProducer];
            foreach (var consumer in consumers)
            {
                int[] taken = await consumer.JoinAsync(Patience);
                foreach (int item in taken)
                {
                    seen[item]++;
                }

                // One producer's items keep their order for any one consumer.
                foreach (var run in taken.GroupBy(item => item / PerProducer))
                {
                    Assert.Equal(run.Order(), run);
                }
            }

            Assert.All(seen, count => Assert.Equal(1, count));
        }
        finally
        {
            foreach (var child in consumers.Concat<ChildProcess>(producers))
            {
                await child.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task APoolWorkerAttachesToTheSameQueueOnceAcrossCalls()
    {
        await using var pool = new ProcessPool(new ProcessPoolOptions { WorkerCount = 1 });
        using var queue = new ProcessQueue<int>();
        for (int call = 0; call < 20; call++)
        {
            Assert.Equal(3, await pool.RunAsync(ChannelMethods.Calls.Produce(queue, call * 3, 3)));
        }

        queue.Close();
        Assert.Equal(Enumerable.Range(0, 60), queue.GetConsumingEnumerable());
    }

    [Fact]
    public async Task AJoinableQueueJoinsWhenAChildHasMarkedEveryItemDone()
    {
        using var queue = new ProcessJoinableQueue<string>();
        await using var child = ChildProcess.Start(ChannelMethods.Calls.ConsumeJoinable(queue, "stop"));
        foreach (string word in new[] { "a", "b", "c", "stop" })
        {
            queue.Put(word);
        }

        Assert.True(await Task.Run(() => queue.Join(Patience)));
        Assert.Equal(0, queue.UnfinishedCount);
        Assert.Equal(3, await child.JoinAsync(Patience));
    }

    [Fact]
    public async Task AProducerKilledMidStreamLeavesTheQueueUsable()
    {
        using var queue = new ProcessQueue<long>(bufferBytes: 4096);
        await using var child = ChildProcess.Start(ChannelMethods.Calls.ProduceForever(queue));
        long expected = 0;
        for (; expected < 5_000; expected++)
        {
            Assert.Equal(expected, queue.Get());
        }

        child.Kill();
        await Assert.ThrowsAsync<WorkerCrashedException>(() => child.JoinAsync(Patience));

        // Whatever the producer published before it died arrives in order; a put cut short is not there.
        while (queue.TryGet(out long item))
        {
            Assert.Equal(expected++, item);
        }

        queue.Put(-1);
        Assert.Equal(-1, queue.Get());
    }
}
