using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>PAR0202 ContainingTypeMustNotBeGeneric: the child cannot know the containing type's type arguments.</summary>
public sealed class PAR0202_GenericTypeTests
{
    [Fact]
    public void GenericTypeIsReportedAtTheMethodIdentifier()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Box<T>
            {
                [RunInProcess]
                public static int [|Work|]() => 1;
            }
            """,
            "PAR0202",
            "'Box.Work' cannot run in a child process: its containing type 'Box<T>' is generic, and the child cannot know its type arguments");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void NonGenericTypeIsValid() =>
        DiagnosticAssert.Valid(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Box
            {
                [RunInProcess]
                public static int Work() => 1;
            }
            """);
}
