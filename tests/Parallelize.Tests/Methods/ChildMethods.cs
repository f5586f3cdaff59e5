using Microsoft.Win32.SafeHandles;

namespace Parallelize.Tests.Methods;

public enum Mood : byte
{
    Calm = 1,
    Angry = 200,
}

public enum Big : long
{
    Low = long.MinValue,
    High = long.MaxValue,
}

/// <summary>[RunInProcess] methods declared in the test assembly itself (launch case c: the parent is the test host).</summary>
public static partial class ChildMethods
{
    [RunInProcess]
    public static long Square(long x) => x * x;

    [RunInProcess]
    public static int[] Pids() => [Environment.ProcessId, ProcessContext.ParentPid, ProcessContext.IsChildProcess ? 1 : 0];

    [RunInProcess]
    public static async Task<string> EchoAsync(string text, int delayMilliseconds)
    {
        await Task.Delay(delayMilliseconds);
        return text + "!";
    }

    [RunInProcess]
    public static async ValueTask<double> HalfAsync(double value)
    {
        await Task.Yield();
        return value / 2;
    }

    [RunInProcess]
    public static async Task DelayAsync(int milliseconds) => await Task.Delay(milliseconds);

    [RunInProcess]
    public static ValueTask CompletedValueTask() => default;

    [RunInProcess]
    public static void DoNothing()
    {
    }

    [RunInProcess]
    public static void Throw(string message) =>
        throw new InvalidOperationException(message, new ArgumentException("the inner cause"));

    [RunInProcess]
    public static async Task<int> ThrowAsync(string message)
    {
        await Task.Yield();
        throw new FormatException(message);
    }

    [RunInProcess]
    public static int FailFast()
    {
        Environment.FailFast("failing fast on purpose");
        return 0;
    }

    [RunInProcess]
    public static int ExitWith(int code)
    {
        Environment.Exit(code);
        return 0;
    }

    [RunInProcess]
    public static int Overflow(int depth) => depth == int.MaxValue ? depth : Overflow(depth + 1) + 1;

    [RunInProcess]
    public static int Sleep(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }

    [RunInProcess]
    public static string? ReadEnvironment(string name) => Environment.GetEnvironmentVariable(name);

    [RunInProcess]
    public static string WorkingDirectory() => Environment.CurrentDirectory;

    /// <summary>The child's command line after the program: the worker settings, when the runtime is its entry assembly.</summary>
    [RunInProcess]
    public static string[] CommandLineArguments() => Environment.GetCommandLineArgs()[1..];

    /// <summary>The child's entry assembly: the Parallelize runtime, or the host when started through the hook.</summary>
    [RunInProcess]
    public static string EntryAssembly() => System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "";

    /// <summary>The descriptors a process started by the child inherits: the channel must not be among them.</summary>
    [RunInProcess]
    public static string InheritedDescriptors()
    {
        // A program that opens nothing itself, inspected once it runs: what it holds is what it inherited.
        using var sleeper = System.Diagnostics.Process.Start("/bin/sleep", "30");
        try
        {
            string exe = $"/proc/{sleeper.Id}/exe";
            for (int i = 0; i < 200 && !(File.ResolveLinkTarget(exe, false)?.FullName.EndsWith("sleep") ?? false); i++)
            {
                Thread.Sleep(10);
            }

            return string.Join(",", Directory.GetFiles($"/proc/{sleeper.Id}/fd").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    /// <summary>Writes raw bytes on the channel as if they were frames, then waits to be killed.</summary>
    [RunInProcess]
    public static int WriteRawToParent(byte[] bytes)
    {
        using var channel = new FileStream(new SafeFileHandle(4, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        channel.Write(bytes);
        Thread.Sleep(30_000);
        return 0;
    }

    /// <summary>Writes raw bytes on the channel as if they were frames, then exits at once, with code 0.</summary>
    [RunInProcess]
    public static int WriteRawToParentThenExit(byte[] bytes)
    {
        using var channel = new FileStream(new SafeFileHandle(4, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        channel.Write(bytes);
        Environment.Exit(0);
        return 0;
    }

    [RunInProcess]
    public static int WriteToConsole(int lines)
    {
        for (int i = 0; i < lines; i++)
        {
            Console.WriteLine($"child console line {i}");
        }

        return lines;
    }

    [RunInProcess]
    public static string Concat(
        bool b, byte u8, sbyte i8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64,
        char c, float f, double d, decimal m, nint n, nuint un, string? s, Mood mood, Big big) =>
        string.Join("|", b, u8, i8, i16, u16, i32, u32, i64, u64, (int)c, f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            d.ToString("R", System.Globalization.CultureInfo.InvariantCulture), m.ToString(System.Globalization.CultureInfo.InvariantCulture),
            n, un, s ?? "<null>", mood, big);

    [RunInProcess]
    public static string Repeat(char c, int count) => new(c, count);

    [RunInProcess]
    public static string? EchoString(string? value) => value;

    [RunInProcess]
    public static double EchoDouble(double value) => value;

    [RunInProcess]
    public static float EchoSingle(float value) => value;

    [RunInProcess]
    public static decimal EchoDecimal(decimal value) => value;

    [RunInProcess]
    public static char EchoChar(char value) => value;

    [RunInProcess]
    public static Mood EchoMood(Mood value) => value;

    [RunInProcess]
    public static int[]? EchoInts(int[]? values) => values;

    [RunInProcess]
    public static string?[]? EchoStrings(string?[]? values) => values;

    [RunInProcess]
    public static bool[] EchoBools(bool[] values) => values;

    [RunInProcess]
    public static decimal[] EchoDecimals(decimal[] values) => values;

    [RunInProcess]
    public static Mood[] EchoMoods(Mood[] values) => values;

    [RunInProcess]
    public static long[][] EchoJagged(long[][] values) => values;

    [RunInProcess]
    public static byte[] Reverse(byte[] data)
    {
        byte[] copy = (byte[])data.Clone();
        Array.Reverse(copy);
        return copy;
    }
}
