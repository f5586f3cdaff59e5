using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0003 ParameterModifierNotSupported: arguments are copied to the child, so nothing written there can flow back
/// through a ref, out or in parameter, and params would change how the generated factory is called.
/// </summary>
public sealed class PAR0003_ParameterModifierTests
{
    public static TheoryData<string, string, string> Modifiers => new()
    {
        { "ref int value", "", "passed by 'ref'" },
        { "out int value", "value = 1;", "passed by 'out'" },
        { "in int value", "", "passed by 'in'" },
        { "ref readonly int value", "", "passed by 'ref readonly'" },
        { "params int[] value", "", "a 'params' parameter" },
    };

    [Theory]
    [MemberData(nameof(Modifiers))]
    public void ModifierIsReportedOnTheWholeParameter(string parameter, string body, string reason)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet($"[|{parameter}|]", body),
            "PAR0003",
            $"'Jobs.Work' cannot run in a child process: parameter 'value' is {reason}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void ByValueParameterIsValid() => DiagnosticAssert.Valid(Snippet("int value", ""));

    [Theory]
    [MemberData(nameof(Modifiers))]
    public void ValidSiblingIsStillGenerated(string parameter, string body, string reason)
    {
        _ = reason;
        DiagnosticAssert.GeneratesOnlyValidSibling(
            Snippet(parameter, body).Replace(
                "public static partial class Jobs\n{",
                "public static partial class Jobs\n{\n    [RunInProcess]\n    public static int Good(int x) => x;\n",
                StringComparison.Ordinal),
            "Good",
            "Work");
    }

    // The modified parameter comes second, so a diagnostic placed on the first parameter fails the span check.
    private static string Snippet(string parameter, string body) => $$"""
        using Parallelize;

        namespace Samples;

        public static partial class Jobs
        {
            [RunInProcess]
            public static void Work(int first, {{parameter}}) { {{body}} }
        }
        """.Replace("\r\n", "\n", StringComparison.Ordinal);
}
