using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0007 MethodMustNotBeAbstractOrVirtual: a static abstract or virtual interface member can only be called through
/// a type parameter (CS8926), which the child never has.
/// </summary>
public sealed class PAR0007_AbstractOrVirtualTests
{
    [Fact]
    public void StaticAbstractIsReportedAtItsIdentifier()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            public partial interface IShape
            {
                [RunInProcess]
                public static abstract int [|Sides|](int x);
            }
            """,
            "PAR0007",
            "'IShape.Sides' cannot run in a child process: it is static abstract, so only a type argument could say which implementation runs; make it a plain static method");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void StaticVirtualIsReportedAtItsIdentifier()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            public partial interface IShape
            {
                [RunInProcess]
                public static virtual int [|Sides|](int x) => x;
            }
            """,
            "PAR0007",
            "'IShape.Sides' cannot run in a child process: it is static virtual, so only a type argument could say which implementation runs; make it a plain static method");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void PlainStaticInterfaceMemberIsValid() =>
        DiagnosticAssert.Valid(
            """
            using Parallelize;

            namespace Samples;

            public partial interface IShape
            {
                [RunInProcess]
                public static int Sides(int x) => x;
            }
            """);
}
