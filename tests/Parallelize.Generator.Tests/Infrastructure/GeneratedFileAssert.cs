using System.Collections.Immutable;
using Xunit;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>Compares two runs' files hint name by hint name, so a failure shows the differing text, not two dumps.</summary>
internal static class GeneratedFileAssert
{
    public static void Equal(ImmutableArray<GeneratedFile> expected, ImmutableArray<GeneratedFile> actual)
    {
        Assert.Equal(expected.Select(f => f.HintName), actual.Select(f => f.HintName));
        foreach (var (before, after) in expected.Zip(actual))
        {
            Assert.True(before.Text == after.Text, $"{before.HintName} differs:\n{FirstDifference(before.Text, after.Text)}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        return $"line {line + 1}:\n  - {(line < expectedLines.Length ? expectedLines[line] : "<end>")}\n" +
               $"  + {(line < actualLines.Length ? actualLines[line] : "<end>")}";
    }
}
