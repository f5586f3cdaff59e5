using Parallelize;

namespace SharedCounter;

/// <summary>Increments a shared counter from several processes at once.</summary>
public static partial class Counter
{
    /// <summary>Waits until every counting process is there, then adds one <paramref name="times"/> times.</summary>
    [RunInProcess]
    public static void Count(SharedValue<int> counter, ProcessBarrier start, int times)
    {
        start.SignalAndWait();
        for (int i = 0; i < times; i++)
        {
            // The value was created with its lock (withLock defaults to true), so Lock is not null here.
            // counter.Increment() (SharedValueAtomics) would do the same with one atomic instruction and no lock.
            using (counter.Lock.Acquire())
            {
                counter.Value++;
            }
        }
    }
}
