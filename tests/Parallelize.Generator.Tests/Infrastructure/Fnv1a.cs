using System.Text;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>
/// The contract's method id, computed here independently of the generator: FNV-1a 32-bit over the UTF-8 bytes of
/// the signature text.
/// </summary>
internal static class Fnv1a
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Hash32(string text)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash = unchecked(hash * Prime);
        }

        return hash;
    }

    /// <summary>The id as the generated code spells it, such as <c>0x1A2B3C4Du</c>.</summary>
    public static string Literal(uint id) => $"0x{id:X8}u";
}
