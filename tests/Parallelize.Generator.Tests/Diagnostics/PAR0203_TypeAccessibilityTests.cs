using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0203 ContainingTypeMustBeAccessible: the generated dispatch table lives outside the type (and outside a
/// file-local type's file) and must be able to name it.
/// </summary>
public sealed class PAR0203_TypeAccessibilityTests
{
    [Theory]
    [InlineData("private", "private")]
    [InlineData("protected", "protected")]
    [InlineData("private protected", "private protected")]
    public void InaccessibleNestedTypeIsReportedAtTheMethodIdentifier(string modifiers, string accessibility)
    {
        var run = DiagnosticAssert.ReportsExactly(
            NestedSnippet(modifiers, "[|Work|]"),
            "PAR0203",
            $"'Outer.Inner.Work' cannot run in a child process: its containing type 'Outer.Inner' is {accessibility}, and generated code needs it internal or public");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void FileLocalTypeIsReportedAtTheMethodIdentifier()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            file static partial class Hidden
            {
                [RunInProcess]
                public static int [|Work|]() => 1;
            }
            """,
            "PAR0203",
            "'Hidden.Work' cannot run in a child process: its containing type 'Hidden' is file-local, and generated code needs it internal or public");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    [InlineData("protected internal")]
    public void AccessibleNestedTypeIsValid(string modifiers) => DiagnosticAssert.Valid(NestedSnippet(modifiers, "Work"));

    // A non-static outer class, because static classes cannot declare protected members.
    private static string NestedSnippet(string modifiers, string name) => $$"""
        using Parallelize;

        namespace Samples;

        public partial class Outer
        {
            {{modifiers}} static partial class Inner
            {
                [RunInProcess]
                public static int {{name}}() => 1;
            }
        }
        """;
}
