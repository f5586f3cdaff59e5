using Microsoft.Extensions.Logging;

namespace Parallelize.Tests.Methods;

/// <summary>The category of the <see cref="ILogger{TCategoryName}"/> that <see cref="LoggingMethods.Resize"/> takes.</summary>
public sealed class ImageWork;

/// <summary>[RunInProcess] methods that log to the caller's <see cref="ILogger"/> while they run.</summary>
public static partial class LoggingMethods
{
    private static int s_formatted;

    /// <summary>Logs once at each level, then returns the levels the child's logger says are enabled.</summary>
    [RunInProcess]
    public static string LogEveryLevel(ILogger logger)
    {
        for (LogLevel level = LogLevel.Trace; level < LogLevel.None; level++)
        {
            logger.Log(level, "level {Level}", level);
        }

        return string.Join(",", Enum.GetValues<LogLevel>().Where(logger.IsEnabled));
    }

    /// <summary>
    /// Logs a value that counts how often it is formatted, at Debug and then at Warning; returns the counts after each,
    /// so a caller can tell whether the child formatted an entry its logger would drop.
    /// </summary>
    [RunInProcess]
    public static int[] CountFormatting(ILogger logger)
    {
        s_formatted = 0;
        logger.LogDebug("debug {Value}", new FormatCounter());
        int afterDebug = s_formatted;
        logger.LogWarning("warning {Value}", new FormatCounter());
        return [afterDebug, s_formatted];
    }

    /// <summary>A structured entry with an event id and values of several types.</summary>
    [RunInProcess]
    public static int Resize(string file, int width, ILogger<ImageWork> logger)
    {
        logger.LogInformation(new EventId(7, "Resized"), "Resized {File} to {Width}px at {Scale} (sharpened: {Sharpened}, {Sizes}, {Missing})",
            file, width, 0.5, true, new[] { 1, 2 }, null);
        return width;
    }

    /// <summary>Logs an exception with an inner one, both thrown, so they have stack traces.</summary>
    [RunInProcess]
    public static int LogFailure(ILogger logger)
    {
        try
        {
            Fail();
        }
        catch (InvalidOperationException e)
        {
            logger.LogError(e, "could not read {Path}", "/tmp/x");
        }

        return Environment.ProcessId;
    }

    /// <summary>Logs inside two scopes, then outside them.</summary>
    [RunInProcess]
    public static void Scoped(ILogger logger)
    {
        using (logger.BeginScope("Batch {BatchId}", 7))
        using (logger.BeginScope("inner"))
        {
            logger.LogInformation("in scopes");
        }

        logger.LogInformation("outside");
    }

    /// <summary>Logs 1 to <paramref name="count"/> from wherever its awaits resume, then returns the count.</summary>
    [RunInProcess]
    public static async Task<int> LogThenReturnAsync(string name, int count, ILogger logger)
    {
        for (int i = 1; i <= count; i++)
        {
            await Task.Yield();
            logger.LogInformation("{Name} {Step}", name, i);
        }

        return count;
    }

    /// <summary>Logs <paramref name="count"/> entries, then throws.</summary>
    [RunInProcess]
    public static int LogThenThrow(int count, ILogger logger)
    {
        for (int i = 1; i <= count; i++)
        {
            logger.LogWarning("step {Step}", i);
        }

        throw new InvalidOperationException("failed after logging");
    }

    /// <summary>Takes a logger the caller may leave out, and logs without checking for null.</summary>
    [RunInProcess]
    public static int Optional(int x, ILogger? logger = null)
    {
        logger!.LogInformation("x is {X}", x);
        return x;
    }

    /// <summary>Logs a message of <paramref name="chars"/> characters.</summary>
    [RunInProcess]
    public static int LogLong(int chars, ILogger logger)
    {
        logger.LogInformation("{Text}", new string('x', chars));
        return chars;
    }

    private static void Fail()
    {
        try
        {
            throw new FormatException("bad header");
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("could not read the image", e);
        }
    }

    private sealed class FormatCounter
    {
        public override string ToString()
        {
            Interlocked.Increment(ref s_formatted);
            return "counted";
        }
    }
}
