using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0005 OnlyMethodsCanRunInProcess: C# lets the attribute sit on local functions and lambdas, but the child can
/// only find methods declared in a type.
/// </summary>
public sealed class PAR0005_NotAMethodTests
{
    [Fact]
    public void LocalFunctionIsReportedAtTheAttribute()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                public static int Outer()
                {
                    return Local();

                    [[|RunInProcess|]]
                    static int Local() => 1;
                }
            }
            """,
            "PAR0005",
            "[RunInProcess] cannot mark local function 'Local': only static methods declared in a type can run in a child process");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void LambdaIsReportedAtTheAttribute()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using System;
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                public static int Outer()
                {
                    Func<int> work = [[|RunInProcess|]] static () => 1;
                    return work();
                }
            }
            """,
            "PAR0005",
            "[RunInProcess] cannot mark a lambda expression: only static methods declared in a type can run in a child process");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void MethodDeclaredInTheTypeIsValid() =>
        DiagnosticAssert.Valid(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                public static int Outer() => Local();

                [RunInProcess]
                public static int Local() => 1;
            }
            """);
}
