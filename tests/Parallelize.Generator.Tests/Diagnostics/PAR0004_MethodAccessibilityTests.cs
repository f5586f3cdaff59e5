using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0004 MethodMustBeAccessible: the generated dispatch table lives outside the type and must be able to call the
/// method.
/// </summary>
public sealed class PAR0004_MethodAccessibilityTests
{
    [Theory]
    [InlineData("private", "private")]
    [InlineData("protected", "protected")]
    [InlineData("private protected", "private protected")]
    public void InaccessibleMethodIsReportedAtItsIdentifier(string modifiers, string accessibility)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet(modifiers, "[|Work|]"),
            "PAR0004",
            $"'Jobs.Work' cannot run in a child process: it is {accessibility}, and generated code needs it internal or public");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    [InlineData("protected internal")]
    public void AccessibleMethodIsValid(string modifiers) => DiagnosticAssert.Valid(Snippet(modifiers, "Work"));

    [Fact]
    public void ValidSiblingIsStillGenerated() =>
        DiagnosticAssert.GeneratesOnlyValidSibling(
            """
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess]
                public static int Good(int x) => x;

                [RunInProcess]
                private static int Work(int x) => x;
            }
            """,
            "Good",
            "Work");

    // A non-static class, because static classes cannot declare protected members.
    private static string Snippet(string modifiers, string name) => $$"""
        using Parallelize;

        namespace Samples;

        public partial class Jobs
        {
            [RunInProcess]
            {{modifiers}} static int {{name}}(int x) => x;
        }
        """;
}
