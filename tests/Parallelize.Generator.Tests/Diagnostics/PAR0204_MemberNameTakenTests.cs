using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0204 GeneratedMemberNameTaken: the generator adds nested classes named <c>Calls</c>, <c>Methods</c> and
/// <c>InProcess</c>; a member of the same name would make the generated code fail to compile.
/// </summary>
public sealed class PAR0204_MemberNameTakenTests
{
    [Theory]
    [InlineData("public static int Calls => 0;", "Calls")]
    [InlineData("public static class Calls { }", "Calls")]
    [InlineData("public static int[] Methods = [];", "Methods")]
    [InlineData("public static class Methods { }", "Methods")]
    [InlineData("public static void InProcess() { }", "InProcess")]
    [InlineData("internal static readonly int InProcess = 1;", "InProcess")]
    public void TakenNameIsReportedAtTheMethodIdentifier(string member, string name)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet(member, "[|Work|]"),
            "PAR0204",
            $"'Jobs.Work' cannot run in a child process: its containing type 'Jobs' already has a member named '{name}', which the generator needs");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("Calls")]
    [InlineData("Methods")]
    [InlineData("InProcess")]
    public void MarkedMethodWithAGeneratedNameIsReported(string name)
    {
        // The method itself is the member that takes the name.
        var run = DiagnosticAssert.ReportsExactly(
            Snippet("", $"[|{name}|]"),
            "PAR0204",
            $"'Jobs.{name}' cannot run in a child process: its containing type 'Jobs' already has a member named '{name}', which the generator needs");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void InheritedMemberNamedMethodsIsReported()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            public class Base
            {
                public static string Methods => "";
            }

            public partial class Jobs : Base
            {
                [RunInProcess]
                public static int [|Work|]() => 1;
            }
            """,
            "PAR0204",
            "'Jobs.Work' cannot run in a child process: its containing type 'Jobs' already has a member named 'Methods', which the generator needs");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("public static int Callers => 0;")]
    [InlineData("public static int Method => 0;")]
    [InlineData("public static int methods => 0;")]
    public void OtherMemberNamesAreValid(string member) =>
        DiagnosticAssert.Valid(Snippet(member, "Work"));

    private static string Snippet(string member, string name) => $$"""
        using Parallelize;

        namespace Samples;

        public static partial class Jobs
        {
            {{member}}

            [RunInProcess]
            public static int {{name}}() => 1;
        }
        """;
}
