using Microsoft.CodeAnalysis.CodeFixes;
using Parallelize.CodeFixes;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.CodeFixes;

/// <summary>
/// The PAR0201 fix adds <c>partial</c> right before <c>class</c>/<c>struct</c>/<c>record</c>/<c>interface</c> on every
/// type around the method that lacks it, in every document declaring one, and changes nothing else in the text.
/// </summary>
public sealed class PAR0201_MakePartialFixTests
{
    private static readonly MakeTypesPartialCodeFixProvider Provider = new();

    [Fact]
    public async Task OuterAndInnerTypesBothBecomePartial()
    {
        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make the types containing 'Outer.Inner.Work' partial",
            """
            using Parallelize;

            namespace Samples;

            public class Outer
            {
                internal static class Inner
                {
                    [RunInProcess]
                    public static int Work() => 1;
                }
            }
            """);

        Assert.Equal(
            """
            using Parallelize;

            namespace Samples;

            public partial class Outer
            {
                internal static partial class Inner
                {
                    [RunInProcess]
                    public static int Work() => 1;
                }
            }
            """,
            fixedSources[0]);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Theory]
    [InlineData("public struct Jobs", "public partial struct Jobs")]
    [InlineData("public readonly ref struct Jobs", "public readonly ref partial struct Jobs")]
    [InlineData("public sealed record Jobs(int Id)", "public sealed partial record Jobs(int Id)")]
    [InlineData("public record class Jobs", "public partial record class Jobs")]
    [InlineData("public readonly record struct Jobs(int X)", "public readonly partial record struct Jobs(int X)")]
    [InlineData("public interface Jobs", "public partial interface Jobs")]
    public async Task PartialGoesRightBeforeTheTypeKeyword(string declaration, string expected)
    {
        const string Template = """
            using Parallelize;

            namespace Samples;

            DECLARATION
            {
                [RunInProcess]
                public static int Work(int x) => x;
            }
            """;

        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make 'Jobs' partial",
            Template.Replace("DECLARATION", declaration, StringComparison.Ordinal));

        Assert.Equal(Template.Replace("DECLARATION", expected, StringComparison.Ordinal), fixedSources[0]);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task AttributesAndDocCommentsStayWhereTheyAre()
    {
        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make the types containing 'Jobs.Inner.Work' partial",
            """
            using System.Diagnostics;
            using Parallelize;

            namespace Samples;

            /// <summary>The jobs.</summary>
            [DebuggerDisplay("Jobs")]
            public static class Jobs
            {
                /// <summary>The inner jobs.</summary>
                [DebuggerDisplay("Inner")] // a comment after the attribute
                internal static class Inner
                {
                    [RunInProcess]
                    internal static int Work() => 1;
                }
            }
            """);

        Assert.Equal(
            """
            using System.Diagnostics;
            using Parallelize;

            namespace Samples;

            /// <summary>The jobs.</summary>
            [DebuggerDisplay("Jobs")]
            public static partial class Jobs
            {
                /// <summary>The inner jobs.</summary>
                [DebuggerDisplay("Inner")] // a comment after the attribute
                internal static partial class Inner
                {
                    [RunInProcess]
                    internal static int Work() => 1;
                }
            }
            """,
            fixedSources[0]);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task DocCommentOnTheKeywordMovesToPartial()
    {
        // No attribute and no modifier: the doc comment and the comment are the class keyword's leading trivia.
        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make 'Jobs' partial",
            """
            using Parallelize;

            namespace Samples;

            /// <summary>The jobs.</summary>
            // Internal on purpose.
            class Jobs
            {
                [RunInProcess]
                public static int Work() => 1;
            }
            """);

        Assert.Equal(
            """
            using Parallelize;

            namespace Samples;

            /// <summary>The jobs.</summary>
            // Internal on purpose.
            partial class Jobs
            {
                [RunInProcess]
                public static int Work() => 1;
            }
            """,
            fixedSources[0]);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task EveryDeclarationOfTheTypeBecomesPartialInEveryDocument()
    {
        const string Other = """
            namespace Samples;

            public static class Jobs
            {
                public static int Other() => 2;
            }
            """;
        const string AlreadyPartial = """
            namespace Samples;

            public static partial class Jobs
            {
                public static int Third() => 3;
            }
            """;

        var fixedSources = await CodeFixHarness.FixAsync(
            Provider,
            "Make 'Jobs' partial",
            """
            using Parallelize;

            namespace Samples;

            public static class Jobs
            {
                [RunInProcess]
                public static int Work() => 1;
            }
            """,
            Other,
            AlreadyPartial);

        Assert.Contains("public static partial class Jobs", fixedSources[0], StringComparison.Ordinal);
        Assert.Equal(Other.Replace("static class", "static partial class", StringComparison.Ordinal), fixedSources[1]);
        Assert.Equal(AlreadyPartial, fixedSources[2]);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task FixAllInADocumentAddsEachPartialOnce()
    {
        // Top needs Outer, Work and Other need Outer and Inner: one edit per declaration, not one per diagnostic.
        var fixedSources = await CodeFixHarness.FixAllAsync(
            Provider,
            FixAllScope.Document,
            """
            using Parallelize;

            namespace Samples;

            public class Outer
            {
                [RunInProcess]
                public static int Top() => 0;

                public static class Inner
                {
                    [RunInProcess]
                    public static int Work() => 1;

                    [RunInProcess]
                    public static int Other() => 2;
                }
            }

            public sealed class Jobs
            {
                [RunInProcess]
                public static int Third() => 3;
            }
            """);

        Assert.Equal(
            """
            using Parallelize;

            namespace Samples;

            public partial class Outer
            {
                [RunInProcess]
                public static int Top() => 0;

                public static partial class Inner
                {
                    [RunInProcess]
                    public static int Work() => 1;

                    [RunInProcess]
                    public static int Other() => 2;
                }
            }

            public sealed partial class Jobs
            {
                [RunInProcess]
                public static int Third() => 3;
            }
            """,
            fixedSources[0]);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task FixAllInTheSolutionCoversEveryDocument()
    {
        var fixedSources = await CodeFixHarness.FixAllAsync(
            Provider,
            FixAllScope.Solution,
            """
            using Parallelize;

            namespace Samples;

            public static class Jobs
            {
                [RunInProcess]
                public static int Work() => 1;
            }
            """,
            """
            using Parallelize;

            namespace Samples;

            public struct MoreJobs
            {
                [RunInProcess]
                public static int Other() => 2;
            }
            """);

        Assert.Contains("public static partial class Jobs", fixedSources[0], StringComparison.Ordinal);
        Assert.Contains("public partial struct MoreJobs", fixedSources[1], StringComparison.Ordinal);
        DiagnosticAssert.Valid(fixedSources);
    }

    [Fact]
    public async Task NotOfferedForOtherDiagnostics()
    {
        Assert.Equal("PAR0201", Assert.Single(Provider.FixableDiagnosticIds));

        // A private nested type: PAR0203, which a host would never hand this provider; handed anyway, it offers nothing.
        var offers = await CodeFixHarness.OffersForAsync(
            Provider,
            "PAR0203",
            """
            using Parallelize;

            namespace Samples;

            public static partial class Outer
            {
                private static partial class Inner
                {
                    [RunInProcess]
                    public static int Work() => 1;
                }
            }
            """);

        Assert.NotEmpty(offers);
        Assert.All(offers, offer => Assert.Empty(offer.Actions));
    }
}
