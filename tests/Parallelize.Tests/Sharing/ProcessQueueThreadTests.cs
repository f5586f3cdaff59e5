using Parallelize.Serialization;

namespace Parallelize.Tests.Sharing;

/// <summary>The queue's semantics within one process: threads, and a second view attached through a handle.</summary>
public sealed class ProcessQueueThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void ItemsComeOutInOrderThroughASecondView()
    {
        using var queue = new ProcessQueue<string>();
        using ProcessQueue<string> view = Reattach(queue);
        queue.Put("a");
        queue.Put("");
        queue.Put(null!);
        Assert.Equal(3, view.Count);
        Assert.Equal("a", view.Get());
        Assert.Equal("", view.Get());
        Assert.Null(view.Get());
        Assert.True(view.IsEmpty);
    }

    [Fact]
    public async Task FourProducersAndThreeConsumersLoseAndDuplicateNothing()
    {
        const int PerProducer = 25_000;
        using var queue = new ProcessQueue<int>(bufferBytes: 4096);
        var seen = new int[4 * PerProducer];
        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            using ProcessQueue<int> mine = Reattach(queue);
            for (int i = 0; i < PerProducer; i++)
            {
                mine.Put(p * PerProducer + i);
            }
        })).ToArray();
        var consumers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            foreach (int item in queue.GetConsumingEnumerable())
            {
                Interlocked.Increment(ref seen[item]);
            }
        })).ToArray();

        await Task.WhenAll(producers).WaitAsync(Patience);
        queue.Close();
        await Task.WhenAll(consumers).WaitAsync(Patience);
        Assert.All(seen, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task ABoundedQueueMakesPutWaitUntilAGetMakesRoom()
    {
        using var queue = new ProcessQueue<int>(maxCount: 2);
        Assert.True(queue.TryPut(1, TimeSpan.Zero));
        Assert.True(queue.TryPut(2, TimeSpan.Zero));
        Assert.False(queue.TryPut(3, TimeSpan.FromMilliseconds(50)));

        Task<bool> put = Task.Run(() => queue.TryPut(3, Patience));
        await Task.Delay(100);
        Assert.False(put.IsCompleted);
        Assert.Equal(1, queue.Get());
        Assert.True(await put.WaitAsync(Patience));
        Assert.Equal([2, 3], new[] { queue.Get(), queue.Get() });
    }

    [Fact]
    public async Task GetWaitsForAnItemAndGivesUpAtItsTimeout()
    {
        using var queue = new ProcessQueue<long>();
        Assert.False(queue.TryGet(out _, TimeSpan.FromMilliseconds(50)));

        Task<long> get = queue.GetAsync().AsTask();
        await Task.Delay(100);
        Assert.False(get.IsCompleted);
        queue.Put(42);
        Assert.Equal(42, await get.WaitAsync(Patience));
    }

    [Fact]
    public async Task CancellingAWaitingGetEndsItPromptly()
    {
        using var queue = new ProcessQueue<int>();
        using var cancellation = new CancellationTokenSource();
        Task<int> get = Task.Run(() => queue.Get(cancellation.Token));
        await Task.Delay(100);
        Assert.False(get.IsCompleted);
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get.WaitAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task CloseLetsGettersDrainThenStopsThem()
    {
        using var queue = new ProcessQueue<int>();
        Task<int> waiting = Task.Run(() => queue.Get());
        await Task.Delay(50);
        queue.Close();
        await Assert.ThrowsAsync<ProcessQueueClosedException>(() => waiting.WaitAsync(Patience));

        using var second = new ProcessQueue<int>();
        second.Put(1);
        second.Put(2);
        second.Close();
        Assert.Throws<ProcessQueueClosedException>(() => second.Put(3));
        Assert.Equal([1, 2], second.GetConsumingEnumerable().ToArray());
        Assert.Throws<ProcessQueueClosedException>(() => second.Get());
    }

    [Fact]
    public async Task TimedAsyncGetAndPutGiveUpAtTheirTimeoutAndSayWhy()
    {
        using var queue = new ProcessQueue<int>(maxCount: 1);
        await Assert.ThrowsAsync<TimeoutException>(() => queue.GetAsync(TimeSpan.FromMilliseconds(50)).AsTask());
        Assert.Throws<TimeoutException>(() => queue.Get(TimeSpan.FromMilliseconds(50)));
        Assert.True(await queue.TryPutAsync(1, TimeSpan.FromMilliseconds(50)));
        Assert.False(await queue.TryPutAsync(2, TimeSpan.FromMilliseconds(50)));

        Task<int> get = queue.GetAsync(Patience).AsTask();
        Assert.Equal(1, await get.WaitAsync(Patience));
        Task<bool> put = queue.TryPutAsync(3, Patience).AsTask();
        Assert.True(await put.WaitAsync(Patience));
        queue.Close();
        Assert.Equal(3, await queue.GetAsync(TimeSpan.FromMilliseconds(50)));
        await Assert.ThrowsAsync<ProcessQueueClosedException>(() => queue.GetAsync(TimeSpan.FromMilliseconds(50)).AsTask());
    }

    [Fact]
    public async Task ReadAllAsyncEndsWhenTheQueueIsClosedAndDrained()
    {
        using var queue = new ProcessQueue<int>();
        var reading = Task.Run(async () =>
        {
            var items = new List<int>();
            await foreach (int item in queue.ReadAllAsync())
            {
                items.Add(item);
            }

            return items;
        });
        for (int i = 0; i < 1000; i++)
        {
            await queue.PutAsync(i);
        }

        queue.Close();
        Assert.Equal(Enumerable.Range(0, 1000), await reading.WaitAsync(Patience));
    }

    [Fact]
    public void AnItemLargerThanTheBufferIsRefusedWithItsSize()
    {
        using var queue = new ProcessQueue<byte[]>(bufferBytes: 4096);
        var error = Assert.Throws<ArgumentException>(() => queue.Put(new byte[5000]));
        Assert.Contains("5004 bytes", error.Message);
        queue.Put(new byte[4000]);
        Assert.Equal(4000, queue.Get().Length);
    }

    [Fact]
    public void ItemsThatWrapAroundTheBufferArriveWhole()
    {
        using var queue = new ProcessQueue<byte[]>(bufferBytes: 4096);
        for (int round = 0; round < 50; round++)
        {
            byte[] item = Enumerable.Range(0, 1000 + round * 37).Select(i => (byte)(i + round)).ToArray();
            queue.Put(item);
            Assert.Equal(item, queue.Get());
        }
    }

    [Fact]
    public async Task AJoinableQueueJoinsOnceEveryItemIsDone()
    {
        using var queue = new ProcessJoinableQueue<int>();
        queue.Put(1);
        queue.Put(2);
        Assert.False(queue.Join(TimeSpan.FromMilliseconds(50)));
        queue.Get();
        queue.TaskDone();
        Task<bool> join = Task.Run(() => queue.Join(Patience));
        await Task.Delay(100);
        Assert.False(join.IsCompleted);
        queue.Get();
        queue.TaskDone();
        Assert.True(await join.WaitAsync(Patience));
        Assert.Throws<InvalidOperationException>(() => queue.TaskDone());
    }

    [Fact]
    public void APlainQueueHandleIsNotReadAsAJoinableOne()
    {
        using var queue = new ProcessQueue<int>();
        var writer = new WireWriter();
        writer.WriteShared(queue);
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(writer.WrittenSpan);
            ProcessJoinableQueue<int>.ReadShared(ref reader);
        });
    }

    private static ProcessQueue<T> Reattach<T>(ProcessQueue<T> queue)
    {
        var writer = new WireWriter();
        writer.WriteShared(queue);
        var reader = new WireReader(writer.WrittenSpan);
        return ProcessQueue<T>.ReadShared(ref reader)!;
    }
}
