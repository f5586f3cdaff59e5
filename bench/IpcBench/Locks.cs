using System.Diagnostics;
using System.Runtime.CompilerServices;
using Parallelize;

namespace IpcBench;

/// <summary>Uncontended acquire/release pairs in one thread of one process: ns per pair for each kind of lock.</summary>
internal static class Locks
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double ProcessLockPairs(ProcessLock processLock, int pairs)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < pairs; i++)
        {
            using (processLock.Acquire())
            {
            }
        }

        return NsPerPair(start, pairs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double MutexPairs(Mutex mutex, int pairs)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < pairs; i++)
        {
            mutex.WaitOne();
            mutex.ReleaseMutex();
        }

        return NsPerPair(start, pairs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double MonitorPairs(object gate, int pairs)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < pairs; i++)
        {
            lock (gate)
            {
            }
        }

        return NsPerPair(start, pairs);
    }

    private static double NsPerPair(long start, int pairs) => Stopwatch.GetElapsedTime(start).TotalNanoseconds / pairs;
}
