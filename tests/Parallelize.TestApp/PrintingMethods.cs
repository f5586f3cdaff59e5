using System.Diagnostics;
using Parallelize;

namespace Parallelize.TestApp;

/// <summary>Methods that print to the console of the child they run in, for <see cref="PrefixMode"/>.</summary>
public static partial class PrintingMethods
{
    /// <summary>
    /// Prints two lines to standard output and one to standard error naming <paramref name="text"/>, then, when
    /// <paramref name="longLine"/> is positive, a line of that many 'x' and a last line with no newline. Returns this
    /// process's id.
    /// </summary>
    [RunInProcess]
    public static int PrintLines(string text, int longLine)
    {
        Console.WriteLine($"out {text} one");
        Console.Error.WriteLine($"err {text}");
        Console.WriteLine($"out {text} two");
        if (longLine > 0)
        {
            Console.WriteLine(new string('x', longLine));
            Console.Write("no newline");
        }

        return Environment.ProcessId;
    }

    /// <summary>Starts a process that inherits this one's output and sleeps for a minute; returns its id.</summary>
    [RunInProcess]
    public static int StartSleeper()
    {
        Console.WriteLine("starting a sleeper");
        using Process sleeper = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })
            ?? throw new InvalidOperationException("sleep did not start");
        return sleeper.Id;
    }
}
