using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0201 ContainingTypeMustBePartial: the generator adds <c>Calls</c> and <c>InProcess</c> to the method's type,
/// and reopens every type around it, so each must be partial.
/// </summary>
public sealed class PAR0201_NonPartialTypeTests
{
    [Fact]
    public void NonPartialTypeIsReportedAtTheMethodIdentifier()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            public static class Jobs
            {
                [RunInProcess]
                public static int [|Work|]() => 1;
            }
            """,
            "PAR0201",
            "'Jobs.Work' cannot run in a child process: its containing type 'Jobs' must be partial, so the generator can add Calls and InProcess to it");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void NonPartialOuterTypeIsReported()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            public static class Outer
            {
                public static partial class Inner
                {
                    [RunInProcess]
                    public static int [|Work|]() => 1;
                }
            }
            """,
            "PAR0201",
            "'Outer.Inner.Work' cannot run in a child process: its containing type 'Outer' must be partial, so the generator can add Calls and InProcess to it");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void PartialTypeIsValid() =>
        DiagnosticAssert.Valid(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Outer
            {
                public static partial class Inner
                {
                    [RunInProcess]
                    public static int Work() => 1;
                }
            }
            """);
}
