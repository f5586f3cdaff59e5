namespace Parallelize.Tests.Sharing;

/// <summary>The pipe's semantics within one process; peer death is covered with real processes elsewhere.</summary>
public sealed class ProcessPipeThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void MessagesCrossInBothDirectionsInOrder()
    {
        var (left, right) = ProcessPipe.Create<string>();
        using (left)
        using (right)
        {
            left.Send("ping");
            left.Send("again");
            right.Send("pong");
            Assert.Equal("ping", right.Receive());
            Assert.Equal("again", right.Receive());
            Assert.Equal("pong", left.Receive());
            Assert.False(left.Poll());
        }
    }

    [Fact]
    public async Task ClosingOneEndEndsTheOthersStreamAfterWhatWasSent()
    {
        var (left, right) = ProcessPipe.Create<int>();
        using (right)
        {
            left.Send(1);
            left.Send(2);
            left.Dispose();
            Assert.True(right.Poll());
            Assert.Equal(1, right.Receive());
            Assert.Equal(2, right.Receive());
            Assert.True(right.Poll()); // the end of the stream: Receive would not block
            Assert.Throws<EndOfStreamException>(() => right.Receive());
            Assert.Throws<IOException>(() => right.Send(3));
            Assert.Empty(await ToListAsync(right.ReadAllAsync()));
        }
    }

    [Fact]
    public async Task AWaitingReceiveSeesTheEndWhenThePeerCloses()
    {
        var (left, right) = ProcessPipe.Create<int>();
        using (right)
        {
            Task<int> receive = Task.Run(() => right.Receive());
            await Task.Delay(100);
            Assert.False(receive.IsCompleted);
            left.Close();
            await Assert.ThrowsAsync<EndOfStreamException>(() => receive.WaitAsync(Patience));
            Assert.Throws<ObjectDisposedException>(() => left.Send(1));
            left.Dispose();
        }
    }

    [Fact]
    public async Task AFullBufferMakesSendWaitForTheReader()
    {
        var (left, right) = ProcessPipe.Create<byte[]>(bufferBytes: 4096);
        using (left)
        using (right)
        {
            left.Send(new byte[3000]);
            Assert.False(left.TrySend(new byte[3000], TimeSpan.FromMilliseconds(50)));
            Task send = left.SendAsync(new byte[3000]).AsTask();
            await Task.Delay(100);
            Assert.False(send.IsCompleted);
            Assert.Equal(3000, right.Receive().Length);
            await send.WaitAsync(Patience);
            Assert.Equal(3000, (await right.ReceiveAsync()).Length);
        }
    }

    [Fact]
    public async Task TimedReceivesTellATimeoutFromTheEndOfTheStream()
    {
        var (left, right) = ProcessPipe.Create<int>(bufferBytes: 4096);
        using (right)
        {
            Assert.Throws<TimeoutException>(() => right.Receive(TimeSpan.FromMilliseconds(50)));
            await Assert.ThrowsAsync<TimeoutException>(() => right.ReceiveAsync(TimeSpan.FromMilliseconds(50)).AsTask());
            Assert.True(await left.TrySendAsync(5, TimeSpan.FromMilliseconds(50)));
            Assert.Equal(5, await right.ReceiveAsync(Patience));
            left.Dispose();
            Assert.Throws<EndOfStreamException>(() => right.Receive(TimeSpan.FromMilliseconds(50)));
            await Assert.ThrowsAsync<EndOfStreamException>(() => right.ReceiveAsync(Patience).AsTask());
        }
    }

    [Fact]
    public async Task ManyMessagesStreamThroughASmallBuffer()
    {
        const int Count = 100_000;
        var (left, right) = ProcessPipe.Create<long>(bufferBytes: 4096);
        using (left)
        using (right)
        {
            Task writer = Task.Run(() =>
            {
                for (long i = 0; i < Count; i++)
                {
                    left.Send(i);
                }

                left.Close();
            });
            long expected = 0;
            await foreach (long message in right.ReadAllAsync())
            {
                Assert.Equal(expected++, message);
            }

            Assert.Equal(Count, expected);
            await writer.WaitAsync(Patience);
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (T item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
