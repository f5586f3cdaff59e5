namespace Parallelize.Tests.Methods;

/// <summary>[RunInProcess] methods that use queues and pipes passed in by the parent.</summary>
public static partial class ChannelMethods
{
    [RunInProcess]
    public static int Produce(ProcessQueue<int> queue, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            queue.Put(i);
        }

        return count;
    }

    /// <summary>Takes items until the queue is closed and drained, and returns them in the order taken.</summary>
    [RunInProcess]
    public static int[] Consume(ProcessQueue<int> queue) => queue.GetConsumingEnumerable().ToArray();

    /// <summary>Takes items, marking each done, until it takes <paramref name="stop"/>.</summary>
    [RunInProcess]
    public static int ConsumeJoinable(ProcessJoinableQueue<string> queue, string stop)
    {
        int taken = 0;
        while (true)
        {
            string item = queue.Get();
            queue.TaskDone();
            if (item == stop)
            {
                return taken;
            }

            taken++;
        }
    }

    /// <summary>Answers every message with its upper-case form until the other end closes; returns how many it answered.</summary>
    [RunInProcess]
    public static int Shout(ProcessPipe<string> end)
    {
        int answered = 0;
        try
        {
            while (true)
            {
                end.Send(end.Receive().ToUpperInvariant());
                answered++;
            }
        }
        catch (EndOfStreamException)
        {
            return answered;
        }
    }

    /// <summary>Sends one message, then waits to be killed.</summary>
    [RunInProcess]
    public static void SendThenHang(ProcessPipe<int> end)
    {
        end.Send(7);
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Puts items forever, so that a kill lands mid-stream.</summary>
    [RunInProcess]
    public static void ProduceForever(ProcessQueue<long> queue)
    {
        for (long i = 0; ; i++)
        {
            queue.Put(i);
        }
    }
}
