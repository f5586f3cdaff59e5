using Microsoft.Extensions.Logging;
using Parallelize;

namespace Parallelize.TestLibrary;

/// <summary>An enum carried as its underlying <see cref="short"/>.</summary>
public enum Shade : short
{
    Light = 1,
    Dark = -1,
}

/// <summary>
/// Methods that only echo or combine their arguments, one per wire shape: the decoder fuzz tests run them in the
/// test process through the generated dispatch with arguments of any value, so they must have no side effects and
/// take no time whatever they are given.
/// </summary>
public static partial class WireMethods
{
    [RunInProcess]
    public static int Length(int[]? values) => values?.Length ?? -1;

    [RunInProcess]
    public static string? Echo(string? text) => text;

    [RunInProcess]
    public static string?[]? EchoStrings(string?[]? values) => values;

    [RunInProcess]
    public static long[][]? EchoJagged(long[][]? values) => values;

    [RunInProcess]
    public static decimal[]? EchoDecimals(decimal[]? values) => values;

    [RunInProcess]
    public static bool[]? EchoBools(bool[]? values) => values;

    [RunInProcess]
    public static string?[][]? EchoNestedStrings(string?[][]? values) => values;

    [RunInProcess]
    public static string Mix(byte b, char c, double d, decimal m, Shade shade, nint n, bool flag, string? s) =>
        string.Join("|", b, (int)c, d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            m.ToString(System.Globalization.CultureInfo.InvariantCulture), shade, n, flag, s ?? "<null>");

    [RunInProcess]
    public static void Nothing()
    {
    }
}

/// <summary>A record graph with the composite shapes the generated serializers write: for the decoder fuzz tests.</summary>
public sealed record Parcel(
    string? Label,
    int[]? Sizes,
    Dictionary<string, long?>? Weights,
    (Guid Id, DateTime At) Stamp,
    Outline? Outline,
    List<Parcel>? Inner)
{
    public HashSet<string>? Tags { get; init; }

    public DateTimeOffset? Sent { get; set; }
}

/// <summary>An abstract type whose declared derived types cross by tag.</summary>
[DerivedType(typeof(Round))]
[DerivedType(typeof(Box))]
public abstract record Outline;

public sealed record Round(double Radius) : Outline;

public sealed record Box(float Width, float Height) : Outline;

/// <summary>Composite echoes, kept apart from <see cref="WireMethods"/>' primitives.</summary>
public static partial class WireGraphMethods
{
    [RunInProcess]
    public static Parcel? EchoParcel(Parcel? parcel) => parcel;

    [RunInProcess]
    public static IReadOnlyDictionary<int, Outline?>? EchoOutlines(IReadOnlyDictionary<int, Outline?>? outlines) => outlines;
}

/// <summary>A method that reports progress: for the decoder fuzz tests' progress frames.</summary>
public static partial class WireProgressMethods
{
    /// <summary>Reports at most three parcels, whatever <paramref name="count"/> a fuzzed frame carries.</summary>
    [RunInProcess]
    public static int Steps(int count, IProgress<Parcel?> progress)
    {
        for (int i = 0; i < Math.Clamp(count, 0, 3); i++)
        {
            progress.Report(i == 1 ? null : new Parcel("step " + i, [i], null, default, new Round(i), null));
        }

        return count;
    }
}

/// <summary>A method that logs: for the decoder fuzz tests' log frames and logger levels.</summary>
public static partial class WireLoggingMethods
{
    /// <summary>
    /// Logs at most three entries, whatever <paramref name="count"/> a fuzzed frame carries: a plain one, a structured
    /// one with an event inside two scopes, and one with an exception chain.
    /// </summary>
    [RunInProcess]
    public static int Entries(int count, ILogger logger)
    {
        for (int i = 0; i < Math.Clamp(count, 0, 3); i++)
        {
            switch (i)
            {
                case 0:
                    logger.LogInformation("plain");
                    break;
                case 1:
                    using (logger.BeginScope("scope {Depth}", 1))
                    using (logger.BeginScope("ünï"))
                    {
                        logger.LogWarning(new EventId(7, "Seven"),
                            "{Text} {Int} {Long} {Double} {Flag} {Null} {Other}", "grüße", -1, long.MinValue, double.NaN, true, null, new[] { 1, 2 });
                    }

                    break;
                default:
                    var error = new InvalidOperationException("outer", new FormatException("inner"));
                    logger.LogError(error, "failed {Step}", i);
                    break;
            }
        }

        return count;
    }
}
