using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Emit;

/// <summary>
/// Method ids are FNV-1a 32-bit over the signature text, computed here independently: parent and child agree on a
/// method by this number alone, so a drift in the signature text or the hash breaks every call.
/// </summary>
public sealed class MethodIdTests
{
    public static TheoryData<string, string, string> Methods => new()
    {
        {
            "namespace Samples; public static partial class Primes { [RunInProcess] public static long Count(long from, long to) => 0; }",
            "Samples.Primes.Count",
            "Samples.Primes.Count(long,long)->long"
        },
        {
            "public static partial class Calc { [RunInProcess] public static int Zero() => 0; }",
            "Calc.Zero",
            "Calc.Zero()->int"
        },
        {
            "namespace Samples; public enum Level : byte { A } public static partial class Primes { [RunInProcess] public static void Log(Level level) { } }",
            "Samples.Primes.Log",
            "Samples.Primes.Log(Samples.Level)->void"
        },
        {
            "namespace Samples; public static partial class Primes { [RunInProcess] internal static Task<string[]> NamesAsync(string prefix) => Task.FromResult(new[] { prefix }); }",
            "Samples.Primes.NamesAsync",
            "Samples.Primes.NamesAsync(string)->System.Threading.Tasks.Task<string[]>"
        },
        {
            "namespace A.B; public static partial class Outer { public partial class Inner { [RunInProcess] public static bool M(int[][] grid, decimal d) => true; } }",
            "A.B.Outer.Inner.M",
            "A.B.Outer.Inner.M(int[][],decimal)->bool"
        },
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void IdIsFnv1aOfTheSignature(string declaration, string methodName, string signature)
    {
        var run = GeneratorHarness.Run("using System.Threading.Tasks;\nusing Parallelize;\n" + declaration, assemblyName: "Samples");
        Assert.Empty(run.AnalyzerDiagnostics);
        var id = Fnv1a.Literal(Fnv1a.Hash32(signature));

        var calls = Assert.Single(run.GeneratedSources, f => f.HintName is not ("Parallelize.Dispatch.g.cs" or "Parallelize.Serializers.g.cs")).Text;
        Assert.Contains($": base(\"Samples\", {id}, \"{methodName}\")", calls, StringComparison.Ordinal);
        Assert.Contains($"case {id}:", run.Source("Parallelize.Dispatch.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void HashMatchesPublishedFnv1aVectors()
    {
        // The helper itself, against the reference vectors, so a wrong test helper cannot agree with a wrong generator.
        Assert.Equal(0x811C9DC5u, Fnv1a.Hash32(""));
        Assert.Equal(0xE40C292Cu, Fnv1a.Hash32("a"));
        Assert.Equal(0xBF9CF968u, Fnv1a.Hash32("foobar"));
    }

    [Fact]
    public void CollidingIdsGiveTheLaterSignatureIdPlusOne()
    {
        // Search names M0, M1, ... for two whose signatures collide (the birthday bound makes this quick).
        var (first, second, hash) = FindCollision();
        var (earlier, later) = string.CompareOrdinal(Signature(first), Signature(second)) < 0 ? (first, second) : (second, first);

        var run = GeneratorHarness.Run(
            $$"""
            using Parallelize;

            public static partial class Collide
            {
                [RunInProcess]
                public static int {{later}}() => 2;

                [RunInProcess]
                public static int {{earlier}}() => 1;
            }
            """);

        var calls = run.Source("Collide.Parallelize.g.cs");
        Assert.Contains($": base(\"Tests\", {Fnv1a.Literal(hash)}, \"Collide.{earlier}\")", calls, StringComparison.Ordinal);
        Assert.Contains($": base(\"Tests\", {Fnv1a.Literal(unchecked(hash + 1))}, \"Collide.{later}\")", calls, StringComparison.Ordinal);
        GeneratorHarness.AssertCompilesCleanly(run);
    }

    private static string Signature(string method) => $"Collide.{method}()->int";

    private static (string First, string Second, uint Hash) FindCollision()
    {
        var seen = new Dictionary<uint, string>();
        for (var i = 0; ; i++)
        {
            var name = "M" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var hash = Fnv1a.Hash32(Signature(name));
            if (seen.TryGetValue(hash, out var other) && !seen.ContainsKey(unchecked(hash + 1)))
            {
                return (other, name, hash);
            }

            seen.TryAdd(hash, name);
        }
    }
}
