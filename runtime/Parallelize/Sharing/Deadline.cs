namespace Parallelize.Sharing;

/// <summary>When a blocking wait gives up: a timeout turned into an end time once, so loops of waits do not restart it.</summary>
internal readonly struct Deadline
{
    private readonly long _endMs; // Environment.TickCount64 at expiry; long.MaxValue: never

    private Deadline(long endMs) => _endMs = endMs;

    /// <summary>A deadline that never passes.</summary>
    public static Deadline Infinite => new(long.MaxValue);

    /// <summary><paramref name="timeout"/> from now; <see cref="Timeout.InfiniteTimeSpan"/> never passes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative (other than infinite) or over <see cref="int.MaxValue"/> ms.</exception>
    public static Deadline After(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return Infinite;
        }

        if (timeout < TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout,
                "A timeout must be Timeout.InfiniteTimeSpan or between zero and int.MaxValue milliseconds.");
        }

        return new Deadline(Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds));
    }

    /// <summary>True once the end time has come.</summary>
    public bool HasPassed => _endMs != long.MaxValue && Environment.TickCount64 >= _endMs;

    /// <summary>Milliseconds left, capped at <paramref name="cap"/> (-1: no cap); -1 when neither limits the wait.</summary>
    public int RemainingMs(int cap = -1)
    {
        if (_endMs == long.MaxValue)
        {
            return cap;
        }

        long left = Math.Max(0, _endMs - Environment.TickCount64);
        return (int)(cap < 0 ? Math.Min(left, int.MaxValue) : Math.Min(left, cap));
    }
}
