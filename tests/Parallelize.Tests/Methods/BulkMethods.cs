namespace Parallelize.Tests.Methods;

/// <summary>[RunInProcess] methods that move large arrays, for the shared-memory tests.</summary>
public static partial class BulkMethods
{
    [RunInProcess]
    public static double[]? Echo(double[]? values) => values;

    [RunInProcess]
    public static double Sum(double[] values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum;
    }

    /// <summary>A new array of <paramref name="count"/> items whose values say where they are.</summary>
    [RunInProcess]
    public static double[] Make(int count) => Pattern(count, seed: 1);

    /// <summary>Several large blocks of different types in one call and its result.</summary>
    [RunInProcess]
    public static long[] Join(double[] doubles, int[] ints, byte[] bytes) =>
        [.. doubles.Select(static d => (long)d), .. ints.Select(static i => (long)i), .. bytes.Select(static b => (long)b)];

    /// <summary>Signals that it holds its argument by creating <paramref name="marker"/>, sleeps, then echoes it.</summary>
    [RunInProcess]
    public static double[] HoldThenEcho(double[] values, string marker, int milliseconds)
    {
        File.WriteAllText(marker, values.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Thread.Sleep(milliseconds);
        return values;
    }

    private static double[]? s_kept;

    /// <summary>Fills the one array it keeps with <paramref name="value"/> and returns it: each call overwrites what the
    /// last one returned, as a method that reuses a buffer does.</summary>
    [RunInProcess]
    public static double[] FillKept(int count, double value)
    {
        if (s_kept?.Length != count)
        {
            s_kept = new double[count];
        }

        Array.Fill(s_kept, value);
        return s_kept;
    }

    /// <summary>What this process has read from another's memory (bytes) and lent to another (blocks) so far.</summary>
    [RunInProcess]
    public static long[] LendingSoFar() => [Parallelize.Bulk.RemoteMemory.BytesRead, Parallelize.Bulk.BulkSender.LentTotal];

    /// <summary>Values that differ by position and by <paramref name="seed"/>, so a misplaced block shows.</summary>
    public static double[] Pattern(int count, int seed)
    {
        var values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i * 0.5) + (seed * 1_000_000.25);
        }

        return values;
    }
}
