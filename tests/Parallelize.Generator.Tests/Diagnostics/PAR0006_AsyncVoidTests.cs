using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>PAR0006 AsyncVoidNotSupported: the child could not tell when an async void method has finished.</summary>
public sealed class PAR0006_AsyncVoidTests
{
    [Fact]
    public void AsyncVoidIsReportedAtItsIdentifier()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static async void [|Work|]() => await Task.Yield();
            }
            """,
            "PAR0006",
            "'Jobs.Work' cannot run in a child process: it is async void, so nobody can observe when it ends; return Task instead");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void AsyncTaskIsValid() =>
        DiagnosticAssert.Valid(
            """
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static async Task Work() => await Task.Yield();
            }
            """);

    [Fact]
    public void PlainVoidIsValid() =>
        DiagnosticAssert.Valid(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static void Work() { }
            }
            """);

    [Fact]
    public void ValidSiblingIsStillGenerated() =>
        DiagnosticAssert.GeneratesOnlyValidSibling(
            """
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int Good(int x) => x;

                [RunInProcess]
                public static async void Work() => await Task.Yield();
            }
            """,
            "Good",
            "Work");
}
