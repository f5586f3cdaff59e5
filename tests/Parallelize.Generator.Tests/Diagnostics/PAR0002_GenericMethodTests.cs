using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>PAR0002 MethodMustNotBeGeneric: the child cannot know a generic method's type arguments.</summary>
public sealed class PAR0002_GenericMethodTests
{
    [Fact]
    public void GenericMethodIsReportedAtItsIdentifier()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int [|Work|]<T>() => 0;
            }
            """,
            "PAR0002",
            "'Jobs.Work' cannot run in a child process: it is generic, and the child cannot know its type arguments");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void NonGenericMethodIsValid() =>
        DiagnosticAssert.Valid(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int Work() => 0;
            }
            """);

    [Fact]
    public void ValidSiblingIsStillGenerated() =>
        DiagnosticAssert.GeneratesOnlyValidSibling(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int Good(int x) => x;

                [RunInProcess]
                public static int Work<T>() => 0;
            }
            """,
            "Good",
            "Work");
}
