using System.Diagnostics;

namespace Parallelize.Hosting;

/// <summary>
/// Rescues worker connections whose reader thread is stuck in a caller's continuation that it ran inline (see
/// <see cref="Execution.CallerResumption"/>): a continuation that blocks, say on another call of the same worker, would
/// otherwise stop that worker's answers from being read. After <see cref="StuckMillis"/> a new thread takes over the
/// reading. One thread serves the process; it ticks only while some reader runs a continuation, and sleeps until the
/// next one starts otherwise.
/// </summary>
/// <remarks>
/// Each tick preempts whatever runs on its CPU. It used to tick on for a second after each wake-up, so maps of 90 ms
/// on every core, each resuming its caller once, kept it ticking throughout: 746 wake-ups in 20 such maps with
/// <c>perf sched</c>, against 124 when it sleeps at the first idle tick. Sleeping costs a reader that starts a
/// continuation at most one futex wake per tick period, no more than the ticks it replaces.
/// </remarks>
internal static class ReaderWatchdog
{
    private const int TickMillis = 5;
    private const int StuckMillis = 10;
    private const int IdleTicksBeforeSleep = 1;

    private static readonly long StuckTicks = Stopwatch.Frequency * StuckMillis / 1000;
    private static readonly object Gate = new();
    private static readonly List<WorkerConnection> Watched = [];
    private static Thread? s_thread;
    private static int s_sleeping;
    private static long s_scans;

    /// <summary>How many times the watchdog has looked at the readers: how often it woke, for tests.</summary>
    internal static long Scans => Interlocked.Read(ref s_scans);

    /// <summary>Watches <paramref name="connection"/> until <see cref="Forget"/>; called once per connection.</summary>
    public static void Watch(WorkerConnection connection)
    {
        lock (Gate)
        {
            Watched.Add(connection);
            if (s_thread is null)
            {
                s_thread = new Thread(Run) { IsBackground = true, Name = "Parallelize reader watchdog" };
                s_thread.Start();
            }
        }
    }

    public static void Forget(WorkerConnection connection)
    {
        lock (Gate)
        {
            Watched.Remove(connection);
        }
    }

    /// <summary>Called after a reader has marked itself inline (with a full fence): wakes the watchdog if it sleeps.</summary>
    public static void Nudge()
    {
        if (Volatile.Read(ref s_sleeping) != 0)
        {
            lock (Gate)
            {
                Monitor.Pulse(Gate);
            }
        }
    }

    private static void Run()
    {
        int idleTicks = 0;
        while (true)
        {
            if (idleTicks >= IdleTicksBeforeSleep)
            {
                lock (Gate)
                {
                    // The fence of the exchange pairs with the one in the reader's marking: either the reader sees the
                    // watchdog asleep and nudges it, or the scan below sees the reader inline.
                    Interlocked.Exchange(ref s_sleeping, 1);
                    if (!Scan())
                    {
                        Monitor.Wait(Gate);
                    }

                    Interlocked.Exchange(ref s_sleeping, 0);
                }

                idleTicks = 0;
            }

            Thread.Sleep(TickMillis);
            bool busy;
            lock (Gate)
            {
                busy = Scan();
            }

            idleTicks = busy ? 0 : idleTicks + 1;
        }
    }

    /// <summary>Rescues stuck readers; true when some reader runs a continuation now.</summary>
    private static bool Scan()
    {
        Interlocked.Increment(ref s_scans);
        bool busy = false;
        long now = Stopwatch.GetTimestamp();
        foreach (WorkerConnection connection in Watched)
        {
            busy |= connection.RescueReaderIfStuck(now, StuckTicks);
        }

        return busy;
    }
}
