using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace Parallelize.Tests.Methods;

/// <summary>A reported value with a collection in it, so reports go through the generated serializers.</summary>
public sealed record StepReport(string Name, int Step, List<int> Done);

/// <summary>[RunInProcess] methods that report to the caller's <see cref="IProgress{T}"/> while they run.</summary>
public static partial class ProgressMethods
{
    /// <summary>Reports 1 to <paramref name="n"/>, then returns <paramref name="n"/>.</summary>
    [RunInProcess]
    public static int CountTo(int n, IProgress<int> progress)
    {
        for (int i = 1; i <= n; i++)
        {
            progress.Report(i);
        }

        return n;
    }

    /// <summary>Reports each step from wherever the awaits resume (thread-pool threads), then returns the name.</summary>
    [RunInProcess]
    public static async Task<string> StepsAsync(string name, int steps, IProgress<StepReport> progress)
    {
        var done = new List<int>();
        for (int i = 1; i <= steps; i++)
        {
            await Task.Yield();
            done.Add(i);
            progress.Report(new StepReport(name, i, [.. done]));
        }

        return name;
    }

    /// <summary>Reports 1, 2, 3, ... every couple of milliseconds until the call is cancelled.</summary>
    [RunInProcess]
    public static int CountUntilCancelled(IProgress<int> progress, CancellationToken cancellationToken)
    {
        for (int i = 1; ; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.Report(i);
            Thread.Sleep(2);
        }
    }

    /// <summary>
    /// Reports <paramref name="count"/> strings of <paramref name="length"/> characters, each starting with its index,
    /// and returns how many milliseconds that took in the child.
    /// </summary>
    [RunInProcess]
    public static long ReportBulk(int count, int length, IProgress<string> progress)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            string index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            progress.Report(index + ":" + new string('x', Math.Max(0, length - index.Length - 1)));
        }

        return clock.ElapsedMilliseconds;
    }

    /// <summary>Reports 1, returns, and reports 2 from a task that outlives the call.</summary>
    [RunInProcess]
    public static int ReportAfterReturning(IProgress<int> progress)
    {
        progress.Report(1);
        _ = Task.Run(async () =>
        {
            await Task.Delay(50);
            progress.Report(2);
        });
        return 1;
    }

    /// <summary>Reports a value the wire refuses and returns what the report threw here, in the method.</summary>
    [RunInProcess]
    public static string ReportRefusedValue(IProgress<Animal> progress)
    {
        try
        {
            progress.Report(new Parrot { Name = "Polly", Words = ["hello"] });
            return "nothing";
        }
        catch (Exception e)
        {
            return e.GetType().FullName + ": " + e.Message;
        }
    }

    /// <summary>Reports a string of <paramref name="length"/> characters and returns what the report threw, if anything.</summary>
    [RunInProcess]
    public static string ReportLarge(int length, IProgress<string> progress)
    {
        try
        {
            progress.Report(new string('x', length));
            return "nothing";
        }
        catch (Exception e)
        {
            return e.GetType().FullName + ": " + e.Message;
        }
    }

    /// <summary>Writes raw bytes to the parent's end of the channel, then waits: a child that reports garbage.</summary>
    [RunInProcess]
    public static int WriteRawToParent(byte[] bytes, IProgress<int> progress)
    {
        using var channel = new FileStream(new SafeFileHandle(4, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        channel.Write(bytes);
        Thread.Sleep(30_000);
        return 0;
    }
}
