using Microsoft.CodeAnalysis.CodeFixes;
using Parallelize.CodeFixes;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.CodeFixes;

/// <summary>
/// The PAR0001 fix adds <c>static</c> after the accessibility modifiers and before the rest (IDE0036's default order),
/// changes nothing else in the text, and leaves a method the generator accepts.
/// </summary>
public sealed class PAR0001_MakeStaticFixTests
{
    private static readonly MakeMethodStaticCodeFixProvider Provider = new();

    [Fact]
    public async Task PublicAsyncMethodGetsStaticBetweenTheTwo()
    {
        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make 'Jobs.Work' static",
            """
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess]
                public async Task<int> Work(int x)
                {
                    await Task.Yield();
                    return x;
                }
            }
            """);

        Assert.Equal(
            """
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess]
                public static async Task<int> Work(int x)
                {
                    await Task.Yield();
                    return x;
                }
            }
            """,
            fixedSources[0]);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task InternalMethodGetsStaticAfterInternal()
    {
        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make 'Jobs.Work' static",
            """
            using Parallelize;

            namespace Samples;

            internal sealed partial class Jobs
            {
                /// <summary>Doubles.</summary>
                [RunInProcess]
                internal int Work(int x) => x * 2; // trailing comment
            }
            """);

        Assert.Equal(
            """
            using Parallelize;

            namespace Samples;

            internal sealed partial class Jobs
            {
                /// <summary>Doubles.</summary>
                [RunInProcess]
                internal static int Work(int x) => x * 2; // trailing comment
            }
            """,
            fixedSources[0]);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task MethodWithoutModifiersGetsStaticInFrontKeepingTheIndentation()
    {
        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make 'Jobs.Work' static",
            """
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess]
                int Work(int x) => x;
            }
            """);

        Assert.Equal(
            """
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess]
                static int Work(int x) => x;
            }
            """,
            fixedSources[0]);

        // Without modifiers the method is private, which PAR0004 reports on its own; PAR0001 is what this fix removes.
        var run = GeneratorHarness.Run(fixedSources[0]);
        Assert.Equal(["PAR0004"], run.AnalyzerDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task AttributeOnTheSameLineKeepsItsSpace()
    {
        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make 'Jobs.Work' static",
            """
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess] public unsafe int Work(int x) => x;
            }
            """);

        Assert.Contains("    [RunInProcess] public static unsafe int Work(int x) => x;", fixedSources[0], StringComparison.Ordinal);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task BothPartsOfAPartialMethodBecomeStatic()
    {
        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make 'Jobs.Work' static",
            """
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess]
                public partial int Work(int x);
            }
            """,
            """
            namespace Samples;

            public partial class Jobs
            {
                public partial int Work(int x) => x + 1;
            }
            """);

        Assert.Contains("    public static partial int Work(int x);", fixedSources[0], StringComparison.Ordinal);
        Assert.Contains("    public static partial int Work(int x) => x + 1;", fixedSources[1], StringComparison.Ordinal);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task FixAllMakesEveryMarkedMethodStatic()
    {
        var fixedSources = await CodeFixHarness.FixAllAsync(
            Provider,
            FixAllScope.Solution,
            """
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess]
                public int First(int x) => x;

                [RunInProcess]
                internal long Second(long x) => x;
            }
            """,
            """
            using Parallelize;

            namespace Samples;

            public partial class MoreJobs
            {
                [RunInProcess]
                public string Third(string s) => s;
            }
            """);

        Assert.Contains("public static int First(int x)", fixedSources[0], StringComparison.Ordinal);
        Assert.Contains("internal static long Second(long x)", fixedSources[0], StringComparison.Ordinal);
        Assert.Contains("public static string Third(string s)", fixedSources[1], StringComparison.Ordinal);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Theory]
    [InlineData("public override string ToString() => \"\";")]
    [InlineData("public virtual int Work() => 1;")]
    public async Task NotOfferedWhereStaticAloneWouldNotCompile(string member)
    {
        var offers = await CodeFixHarness.OffersForAsync(
            Provider,
            "PAR0001",
            $$"""
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess]
                {{member}}
            }
            """);

        Assert.NotEmpty(offers);
        Assert.All(offers, offer => Assert.Empty(offer.Actions));
    }

    [Fact]
    public async Task NotOfferedForAnInterfaceMemberWithoutBody()
    {
        var offers = await CodeFixHarness.OffersForAsync(
            Provider,
            "PAR0001",
            """
            using Parallelize;

            namespace Samples;

            public partial interface IJobs
            {
                [RunInProcess]
                int Work(int x);
            }
            """);

        Assert.NotEmpty(offers);
        Assert.All(offers, offer => Assert.Empty(offer.Actions));
    }

    [Fact]
    public async Task NotOfferedForOtherDiagnostics()
    {
        Assert.Equal("PAR0001", Assert.Single(Provider.FixableDiagnosticIds));

        // A private static method: PAR0004, which a host would never hand this provider; handed anyway, it offers nothing.
        var offers = await CodeFixHarness.OffersForAsync(
            Provider,
            "PAR0004",
            """
            using Parallelize;

            namespace Samples;

            public partial class Jobs
            {
                [RunInProcess]
                private static int Work(int x) => x;
            }
            """);

        Assert.NotEmpty(offers);
        Assert.All(offers, offer => Assert.Empty(offer.Actions));
    }
}
