using Parallelize;
using Parallelize.TestLibrary;

namespace Parallelize.Tests.Methods;

/// <summary>A struct of no references, copied as its bytes, with padding between its fields.</summary>
public record struct Sample(byte Tag, double Value, int Count);

/// <summary>
/// Methods whose argument and result cross as their bytes in memory: a map copies their arguments in one block and reads
/// their results without a call each. Each is its own inverse's opposite, so a test can check every value.
/// </summary>
public static partial class RawBytesMethods
{
    [RunInProcess]
    public static double Halve(double value) => value / 2;

    [RunInProcess]
    public static sbyte Negate(sbyte value) => unchecked((sbyte)-value);

    [RunInProcess]
    public static ulong Invert(ulong value) => ~value;

    [RunInProcess]
    public static char Next(char value) => unchecked((char)(value + 1));

    [RunInProcess]
    public static Half Twice(Half value) => value * (Half)2;

    [RunInProcess]
    public static Shade Flip(Shade shade) => shade == Shade.Light ? Shade.Dark : Shade.Light;

    [RunInProcess]
    public static Sample Bump(Sample sample) => sample with { Tag = unchecked((byte)(sample.Tag + 1)), Value = -sample.Value, Count = sample.Count * 3 };
}
