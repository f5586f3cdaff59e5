namespace Parallelize.Tests.Packaging;

/// <summary>Checks on the output of <c>dotnet publish</c>.</summary>
internal static class PublishLog
{
    /// <summary>
    /// No trimming or AOT analysis warning at all (<c>warning IL2026</c>, <c>Trim analysis warning IL…</c>), the
    /// framework's included: a user who sees one cannot tell ours from theirs.
    /// </summary>
    public static void AssertNoTrimWarnings(string how, string log)
    {
        string[] warnings = [.. log.Split('\n').Where(line => line.Contains("warning IL", StringComparison.Ordinal))];
        Assert.True(warnings.Length == 0, $"{how} warned:\n{string.Join('\n', warnings)}");
    }
}
