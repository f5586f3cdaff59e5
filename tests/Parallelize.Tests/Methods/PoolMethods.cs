using Parallelize;

namespace Parallelize.Tests.Methods;

/// <summary>[RunInProcess] methods the pool tests run in warm workers.</summary>
public static partial class PoolMethods
{
    private static int s_initialized;
    private static readonly List<byte[]> Hoard = [];

    [RunInProcess]
    public static int Pid() => Environment.ProcessId;

    [RunInProcess]
    public static long Twice(long x) => 2 * x;

    /// <summary>Sleeps, then returns the item, so a map can be slowed to let a test kill workers under it.</summary>
    [RunInProcess]
    public static int SlowIdentity(int item, int microseconds)
    {
        long until = System.Diagnostics.Stopwatch.GetTimestamp() + (microseconds * System.Diagnostics.Stopwatch.Frequency / 1_000_000);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(50);
        }

        return item;
    }

    /// <summary>Spins for <paramref name="microseconds"/>, then returns the worker's pid.</summary>
    [RunInProcess]
    public static int SlowIdentityPid(int microseconds) => SlowIdentity(0, microseconds) + Environment.ProcessId;

    /// <summary>Returns the item, except for <paramref name="bad"/>, where the worker dies the way <paramref name="how"/> says.</summary>
    [RunInProcess]
    public static int DieAt(int item, int bad, string how)
    {
        if (item != bad)
        {
            return item;
        }

        switch (how)
        {
            case "kill":
                System.Diagnostics.Process.GetCurrentProcess().Kill();
                Thread.Sleep(Timeout.Infinite);
                break;
            case "failfast":
                Environment.FailFast("failing fast on purpose");
                break;
            case "overflow":
                return Recurse(0);
            case "throw":
                throw new InvalidOperationException($"item {item} is bad");
        }

        return item;
    }

    /// <summary>Kills its worker the first time (when <paramref name="marker"/> does not exist yet), returns 2 the second.</summary>
    [RunInProcess]
    public static int DieOnce(string marker)
    {
        if (!File.Exists(marker))
        {
            File.WriteAllText(marker, "");
            System.Diagnostics.Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }

        return 2;
    }

    /// <summary>Waits for its token; on cancellation writes <paramref name="marker"/> and stops, as a good citizen does.</summary>
    [RunInProcess]
    public static int WaitForCancellation(string marker, CancellationToken cancellationToken)
    {
        try
        {
            Task.Delay(60_000, cancellationToken).GetAwaiter().GetResult();
            return 0;
        }
        catch (OperationCanceledException)
        {
            // Written aside, then renamed: the test must never see the file before its content.
            File.WriteAllText(marker + ".tmp", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Move(marker + ".tmp", marker);
            throw;
        }
    }

    /// <summary>Ignores its token and sleeps: cancellation must end with a kill after the grace period.</summary>
    [RunInProcess]
    public static int IgnoreCancellation(int milliseconds, CancellationToken cancellationToken)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }

    [RunInProcess]
    public static void Initialize(int value) => s_initialized = value;

    [RunInProcess]
    public static void FailToInitialize() => throw new InvalidOperationException("no licence for the native library");

    [RunInProcess]
    public static int Initialized() => s_initialized;

    /// <summary>Holds on to <paramref name="megabytes"/> of memory in 1 MiB arrays.</summary>
    [RunInProcess]
    public static int Hold(int megabytes)
    {
        for (int i = 0; i < megabytes; i++)
        {
            var block = new byte[1024 * 1024];
            block.AsSpan().Fill(1);
            Hoard.Add(block);
        }

        return Hoard.Count;
    }

    private static int Recurse(int depth) => depth == int.MaxValue ? depth : Recurse(depth + 1) + 1;
}
