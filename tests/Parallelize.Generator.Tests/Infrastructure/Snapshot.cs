using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>
/// In-house snapshot testing (after STJ <c>Baselines/</c> and Mapperly <c>_snapshots</c>): each generated file is
/// compared with <c>Snapshots/{Class}.{Test}#{HintName}.verified.cs</c>.
/// </summary>
/// <remarks>
/// <para>On a mismatch the output is written next to it as <c>.received.cs</c> (git-ignored) and the test fails
/// showing the first differing lines. A missing verified file fails too, as does a verified file whose generated
/// counterpart disappeared: a snapshot test never passes on output nobody has read.</para>
/// <para>With <c>PARALLELIZE_ACCEPT=1</c> (ignored when <c>CI=true</c>) the verified files are rewritten from the
/// output and stale ones of the same test deleted; read the diff before committing it.</para>
/// </remarks>
internal static partial class Snapshot
{
    private const string VersionPlaceholder = "%VERSION%";

    public static bool AcceptMode =>
        Environment.GetEnvironmentVariable("PARALLELIZE_ACCEPT") == "1"
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <param name="run">The generator run whose files to compare.</param>
    /// <param name="callerFile">The test's file; one type per file makes its name the test class's name.</param>
    /// <param name="testName">The test method's name.</param>
    public static void Match(GeneratorRun run, [CallerFilePath] string callerFile = "", [CallerMemberName] string testName = "")
    {
        var className = Path.GetFileNameWithoutExtension(callerFile);
        Assert.False(string.IsNullOrEmpty(className), "Snapshot.Match needs the caller's file path.");
        Assert.True(run.GeneratedSources.Length > 0, $"{className}.{testName}: the generator produced no file to compare.");

        var directory = RepoPaths.SnapshotDirectory;
        Directory.CreateDirectory(directory);
        var prefix = $"{className}.{testName}#";
        var accept = AcceptMode;
        var failures = new List<string>();

        foreach (var file in run.GeneratedSources)
        {
            var actual = Normalize(file.Text);
            var verifiedPath = Path.Combine(directory, prefix + file.HintName + ".verified.cs");
            var receivedPath = Path.Combine(directory, prefix + file.HintName + ".received.cs");

            if (accept)
            {
                if (!File.Exists(verifiedPath) || NormalizeLineEndings(File.ReadAllText(verifiedPath)) != actual)
                {
                    File.WriteAllText(verifiedPath, actual, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                }

                File.Delete(receivedPath);
                continue;
            }

            if (!File.Exists(verifiedPath))
            {
                File.WriteAllText(receivedPath, actual);
                failures.Add($"{Path.GetFileName(verifiedPath)} does not exist; the output is in {Path.GetFileName(receivedPath)}. " +
                             "Read it, then accept it with PARALLELIZE_ACCEPT=1.");
                continue;
            }

            var expected = NormalizeLineEndings(File.ReadAllText(verifiedPath));
            if (expected == actual)
            {
                File.Delete(receivedPath);
                continue;
            }

            File.WriteAllText(receivedPath, actual);
            failures.Add($"{Path.GetFileName(verifiedPath)} differs from the output (written to {Path.GetFileName(receivedPath)}):\n" +
                         FirstDifference(expected, actual));
        }

        // A verified file with no generated counterpart means a file the generator stopped producing.
        var produced = run.GeneratedSources.Select(f => prefix + f.HintName + ".verified.cs").ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.GetFiles(directory, prefix + "*.verified.cs"))
        {
            if (produced.Contains(Path.GetFileName(stale)))
            {
                continue;
            }

            if (accept)
            {
                File.Delete(stale);
            }
            else
            {
                failures.Add($"{Path.GetFileName(stale)} is verified, but the generator no longer produces that file.");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Line endings to <c>\n</c> and the generator version to <c>%VERSION%</c>, so releases do not churn snapshots.</summary>
    public static string Normalize(string text) =>
        GeneratedCodeVersion().Replace(NormalizeLineEndings(text), $"$1{VersionPlaceholder}$2");

    private static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        var message = new StringBuilder($"first difference at line {line + 1}:\n");
        for (var i = Math.Max(0, line - 2); i < line; i++)
        {
            message.Append("    ").Append(expectedLines[i]).Append('\n');
        }

        for (var i = line; i < Math.Min(line + 3, expectedLines.Length); i++)
        {
            message.Append("  - ").Append(expectedLines[i]).Append('\n');
        }

        for (var i = line; i < Math.Min(line + 3, actualLines.Length); i++)
        {
            message.Append("  + ").Append(actualLines[i]).Append('\n');
        }

        return message.ToString();
    }

    [GeneratedRegex("""(GeneratedCode\("Parallelize\.Generator", ")[^"]*("\))""")]
    private static partial Regex GeneratedCodeVersion();
}
