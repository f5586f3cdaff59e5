using Parallelize.TestLibrary;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>
/// Calls of <see cref="WireMethods"/>, one list per batch the samples hold: every wire shape, as arguments and as
/// results, with edge values (null, empty, non-ASCII, extreme numbers).
/// </summary>
internal static class SampleCalls
{
    public const string Assembly = "Parallelize.TestLibrary";

    public static IReadOnlyList<(string Name, Call[] Calls)> Batches { get; } =
    [
        ("int result", [WireMethods.Calls.Length([1, -2, int.MaxValue, int.MinValue])]),
        ("null int[] argument", [WireMethods.Calls.Length(null)]),
        ("string result", [WireMethods.Calls.Echo("grüße 😀 \u0000 end")]),
        ("null string", [WireMethods.Calls.Echo(null)]),
        ("long string", [WireMethods.Calls.Echo(new string('x', 3000) + "é")]),
        ("string array", [WireMethods.Calls.EchoStrings(["a", null, "", "ünï", new string('z', 40)])]),
        ("nested arrays", [WireMethods.Calls.EchoJagged([[1, long.MinValue], [], [long.MaxValue, 0, 3]])]),
        ("nested string arrays", [WireMethods.Calls.EchoNestedStrings([["a", null], [], ["b"]])]),
        ("decimal array", [WireMethods.Calls.EchoDecimals([decimal.MaxValue, -0.0000001m, 0m, 1.5m])]),
        ("bool array", [WireMethods.Calls.EchoBools([true, false, true])]),
        ("primitives and enum", [WireMethods.Calls.Mix(255, 'é', double.NaN, -79228162514264337593543950335m, Shade.Dark, -1, true, "s")]),
        ("void", [WireMethods.Calls.Nothing()]),
        ("mixed batch",
        [
            WireMethods.Calls.Length([7]),
            WireMethods.Calls.Echo("two"),
            WireMethods.Calls.Nothing(),
            WireMethods.Calls.EchoJagged([[5]]),
            WireMethods.Calls.EchoStrings([]),
            WireMethods.Calls.Mix(0, 'a', 1.25, 2m, Shade.Light, 42, false, null),
        ]),
        ("record graph", [WireGraphMethods.Calls.EchoParcel(SampleParcel())]),
        ("null record", [WireGraphMethods.Calls.EchoParcel(null)]),
        ("dictionary of derived types", [WireGraphMethods.Calls.EchoOutlines(new Dictionary<int, Outline?> { [1] = new Round(2.5), [-7] = null, [3] = new Box(1, float.NaN) })]),
        ("many small calls", [.. Enumerable.Range(0, 40).Select(static i => (Call)WireMethods.Calls.Length(new int[i % 5]))]),
    ];

    private static Parcel SampleParcel() => new(
        "outer ü",
        [1, 2, 3],
        new Dictionary<string, long?> { ["a"] = 1, ["none"] = null, [""] = long.MinValue },
        (new Guid("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc)),
        new Box(3, 4),
        [new Parcel("inner", null, null, default, new Round(1), null) { Tags = ["x"] }, null!])
    {
        Tags = ["t1", "t2"],
        Sent = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(5.5)),
    };
}
