using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>PAR0001 MethodMustBeStatic: the child has no instance to call the method on.</summary>
public sealed class PAR0001_InstanceMethodTests
{
    private const string Invalid = """
        using Parallelize;

        namespace Samples;

        public partial class Jobs
        {
            [RunInProcess]
            public int [|Work|](int x) => x;
        }
        """;

    [Fact]
    public void InstanceMethodIsReportedAtItsIdentifier()
    {
        var run = DiagnosticAssert.ReportsExactly(
            Invalid,
            "PAR0001",
            "'Jobs.Work' cannot run in a child process: it is an instance method; make it static");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void NestedTypeIsNamedWithItsContainingTypes()
    {
        DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Outer
            {
                public partial class Inner
                {
                    [RunInProcess]
                    public int [|Work|]() => 1;
                }
            }
            """,
            "PAR0001",
            "'Outer.Inner.Work' cannot run in a child process: it is an instance method; make it static");
    }

    [Fact]
    public void StaticMethodIsValid() =>
        DiagnosticAssert.Valid(MarkedSource.Parse(Invalid).Source.Replace("public int", "public static int", StringComparison.Ordinal));

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
                public int Work(int x) => x;
            }
            """,
            "Good",
            "Work");
}
