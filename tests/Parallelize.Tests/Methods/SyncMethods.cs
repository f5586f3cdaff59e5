namespace Parallelize.Tests.Methods;

/// <summary>[RunInProcess] methods that synchronize through primitives passed in by the parent.</summary>
public static partial class SyncMethods
{
    /// <summary>Waits at <paramref name="start"/> with the other counters, then adds one <paramref name="times"/> times
    /// as a read, a pause and a write, under the counter's lock or not.</summary>
    [RunInProcess]
    public static void Count(SharedValue<int> counter, ProcessBarrier start, int times, bool locked)
    {
        start.SignalAndWait(TimeSpan.FromSeconds(30));
        for (int i = 0; i < times; i++)
        {
            if (locked)
            {
                using (counter.Lock.Acquire())
                {
                    AddOneSlowly(counter);
                }
            }
            else
            {
                AddOneSlowly(counter);
            }
        }
    }

    /// <summary>Arrives at the barrier, then records that it got past it.</summary>
    [RunInProcess]
    public static int PassBarrier(ProcessBarrier barrier, SharedArray<int> passed)
    {
        int index = barrier.SignalAndWait(TimeSpan.FromSeconds(30));
        passed.Increment(0);
        return index;
    }

    /// <summary>Waits for the event, then records that it was released.</summary>
    [RunInProcess]
    public static bool AwaitEvent(ProcessEvent signal, SharedArray<int> released)
    {
        bool set = signal.Wait(TimeSpan.FromSeconds(30));
        released.Increment(0);
        return set;
    }

    /// <summary>Holds one of the semaphore's slots for a while, recording how many holders there were at most.</summary>
    [RunInProcess]
    public static void HoldSlot(ProcessSemaphore slots, SharedArray<int> inside)
    {
        slots.Wait();
        try
        {
            int now = inside.Increment(0);
            int most;
            while ((most = inside[1]) < now && inside.CompareExchange(1, now, most) != most)
            {
            }

            Thread.Sleep(100);
            inside.Add(0, -1);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Waits on the condition until the parent has put a value in <paramref name="box"/>, and returns it.</summary>
    [RunInProcess]
    public static int WaitForValue(ProcessCondition condition, SharedArray<int> box)
    {
        using (condition.Acquire())
        {
            box[1] = 1; // waiting: the parent may notify now
            if (!condition.WaitFor(() => box[0] != 0, TimeSpan.FromSeconds(30)))
            {
                return -1;
            }

            return box[0];
        }
    }

    /// <summary>Takes the reentrant lock twice, says so, and waits to be killed.</summary>
    [RunInProcess]
    public static void HoldRLockAndHang(ProcessRLock rlock, ProcessEvent holding)
    {
        rlock.Acquire();
        rlock.Acquire();
        holding.Set();
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Says it is about to wait, then waits on the event.</summary>
    [RunInProcess]
    public static bool WaitQuietly(ProcessEvent signal, SharedArray<int> waiting)
    {
        waiting[0] = 1;
        return signal.Wait(TimeSpan.FromSeconds(30));
    }

    private static void AddOneSlowly(SharedValue<int> counter)
    {
        int seen = counter.Value;
        Thread.SpinWait(20); // widens the window between read and write that a lock must close
        counter.Value = seen + 1;
    }
}
