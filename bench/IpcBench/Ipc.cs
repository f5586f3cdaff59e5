using System.Diagnostics;
using Parallelize;

namespace IpcBench;

/// <summary>
/// The producer and consumer children of the queue and pipe benchmarks, as bench/python/ipc_throughput.py runs them:
/// each warms up, says it is ready, waits for the go, then moves <c>n</c> ints; the consumer returns the
/// <see cref="Stopwatch.GetTimestamp"/> (CLOCK_MONOTONIC on Linux, the same clock in every process) at which it had
/// the n-th.
/// </summary>
public static partial class Ipc
{
    private const int WarmBatch = 1000;

    [RunInProcess]
    public static int QueueProducer(ProcessQueue<int> items, ProcessQueue<int> ready, ProcessQueue<int> go, int n, double warmSeconds) =>
        ProduceAfterGo(items, ready, go, n, warmSeconds);

    [RunInProcess]
    public static long QueueConsumer(ProcessQueue<int> items, ProcessQueue<int> ready, ProcessQueue<int> go, int n, double warmSeconds) =>
        ConsumeAfterGo(items, ready, go, n, warmSeconds);

    [RunInProcess]
    public static int JoinableProducer(ProcessJoinableQueue<int> items, ProcessQueue<int> ready, ProcessQueue<int> go, int n, double warmSeconds) =>
        ProduceAfterGo(items, ready, go, n, warmSeconds);

    /// <summary>Takes n items, marking each done (Python's <c>task_done</c>).</summary>
    [RunInProcess]
    public static long JoinableConsumer(ProcessJoinableQueue<int> items, ProcessQueue<int> ready, ProcessQueue<int> go, int n, double warmSeconds) =>
        ConsumeAfterGo(items, ready, go, n, warmSeconds);

    [RunInProcess]
    public static int PipeSender(ProcessPipe<int> end, ProcessQueue<int> ready, ProcessQueue<int> go, int n, double warmSeconds)
    {
        WarmPipe(warmSeconds);
        ReadyThenWaitForGo(ready, go);
        Send(end, n);
        end.Close();
        return n;
    }

    [RunInProcess]
    public static long PipeReceiver(ProcessPipe<int> end, ProcessQueue<int> ready, ProcessQueue<int> go, int n, double warmSeconds)
    {
        WarmPipe(warmSeconds);
        ReadyThenWaitForGo(ready, go);
        return Receive(end, n);
    }

    private static int ProduceAfterGo(ProcessQueue<int> items, ProcessQueue<int> ready, ProcessQueue<int> go, int n, double warmSeconds)
    {
        WarmQueue(items is ProcessJoinableQueue<int>, warmSeconds);
        ReadyThenWaitForGo(ready, go);
        Produce(items, n);
        items.Close();
        return n;
    }

    private static long ConsumeAfterGo(ProcessQueue<int> items, ProcessQueue<int> ready, ProcessQueue<int> go, int n, double warmSeconds)
    {
        WarmQueue(items is ProcessJoinableQueue<int>, warmSeconds);
        ReadyThenWaitForGo(ready, go);
        return Consume(items, n);
    }

    private static void ReadyThenWaitForGo(ProcessQueue<int> ready, ProcessQueue<int> go)
    {
        ready.Put(1);
        go.Get();
    }

    private static void Produce(ProcessQueue<int> items, int n)
    {
        for (int i = 0; i < n; i++)
        {
            items.Put(i);
        }
    }

    /// <summary>Takes n items, marking each done when the queue is joinable, and returns the time it had the last.</summary>
    private static long Consume(ProcessQueue<int> items, int n)
    {
        var joinable = items as ProcessJoinableQueue<int>;
        for (int i = 0; i < n; i++)
        {
            if (items.Get() != i)
            {
                throw new InvalidOperationException($"item {i} came out of order");
            }

            joinable?.TaskDone();
        }

        return Stopwatch.GetTimestamp();
    }

    private static void Send(ProcessPipe<int> end, int n)
    {
        for (int i = 0; i < n; i++)
        {
            end.Send(i);
        }
    }

    private static long Receive(ProcessPipe<int> end, int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (end.Receive() != i)
            {
                throw new InvalidOperationException($"message {i} came out of order");
            }
        }

        return Stopwatch.GetTimestamp();
    }

    // Warm-up, untimed, in each child before it says it is ready: the same loops through a queue (or pipe) of its
    // own, in batches, for warmSeconds, so that tiered JIT compilation has finished the code the timed run uses.
    // Python has no JIT to warm; without this a fresh child would time its first 200,000 items at tier 0.
    private static void WarmQueue(bool joinable, double seconds)
    {
        using ProcessQueue<int> local = joinable ? new ProcessJoinableQueue<int>() : new ProcessQueue<int>();
        long until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Produce(local, WarmBatch);
            Consume(local, WarmBatch);
        }
    }

    private static void WarmPipe(double seconds)
    {
        var (a, b) = ProcessPipe.Create<int>();
        using (a)
        using (b)
        {
            long until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
                Send(a, WarmBatch);
                Receive(b, WarmBatch);
            }
        }
    }
}
