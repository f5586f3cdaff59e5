using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0102 ReturnTypeNotSupported: the result travels back over the wire, so it must be a carried type, awaited
/// through <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c> if asynchronous, and returned by value.
/// </summary>
public sealed class PAR0102_ReturnTypeTests
{
    private const string SaysNothing = "says nothing about what to carry; declare the type it holds";
    private const string TokenReason = "can only be a parameter of the method itself, not part of a value";
    private const string ProgressReason =
        "is a live link to the caller's IProgress<T>, so it can only be a parameter of the method itself, not part of a value or a result";

    public static TheoryData<string, string, string, string> UnsupportedResults => new()
    {
        { "object", "=> new object();", "object", SaysNothing },
        { "List<object>", "=> new List<object>();", "List<object>", "cannot be carried because it holds object, which " + SaysNothing },
        // For Task<T> and ValueTask<T> the message is about T, the value that travels.
        { "Task<object>", "=> Task.FromResult(new object());", "object", SaysNothing },
        { "ValueTask<List<Action>>", "=> new(new List<Action>());", "List<Action>", "cannot be carried because it holds Action, which is a delegate" },
        { "ref int", "=> ref Field;", "int", "is returned by reference" },
        { "ref readonly int", "=> ref Field;", "int", "is returned by reference" },
        { "int*", "=> null;", "int*", "is a pointer" },
        { "Span<int>", "=> default;", "Span<int>", "is a by-ref-like type that cannot leave the stack" },
        { "Func<int>", "=> () => 1;", "Func<int>", "is a delegate" },
        // A token parameter is passed the child's token; a token result would have nothing to carry back.
        { "System.Threading.CancellationToken", "=> default;", "CancellationToken", TokenReason },
        { "Task<System.Threading.CancellationToken>", "=> Task.FromResult(default(System.Threading.CancellationToken));", "CancellationToken", TokenReason },
        { "ValueTask<System.Threading.CancellationToken[]>", "=> default;", "CancellationToken[]", "cannot be carried because it holds CancellationToken, which " + TokenReason },
        // A progress parameter reports to the caller's instance; as a result it would have no caller to report to.
        { "IProgress<int>", "=> null!;", "IProgress<int>", ProgressReason },
        { "Task<IProgress<string>>", "=> null!;", "IProgress<string>", ProgressReason },
        { "IProgress<int>[]", "=> [];", "IProgress<int>[]", "cannot be carried because it holds IProgress<int>, which " + ProgressReason },
    };

    [Theory]
    [MemberData(nameof(UnsupportedResults))]
    public void UnsupportedResultIsReportedOnTheReturnType(string returnType, string body, string display, string reason)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet($"[|{returnType}|]", body),
            "PAR0102",
            $"'Jobs.Work' cannot run in a child process: its result type '{display}' {reason}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("void", "{ }")]
    [InlineData("int", "=> 1;")]
    [InlineData("string[]", "=> [];")]
    [InlineData("Task", "=> Task.CompletedTask;")]
    [InlineData("ValueTask", "=> default;")]
    [InlineData("Task<decimal>", "=> Task.FromResult(1m);")]
    [InlineData("ValueTask<DayOfWeek[]>", "=> new([DayOfWeek.Monday]);")]
    public void CarriedResultIsValid(string returnType, string body) => DiagnosticAssert.Valid(Snippet(returnType, body));

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
                public static Task<object> Work() => Task.FromResult(new object());
            }
            """,
            "Good",
            "Work");

    private static string Snippet(string returnType, string body) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Parallelize;

        namespace Samples;

        public static partial class Jobs
        {
            internal static int Field = 1;

            [RunInProcess]
            public static unsafe {{returnType}} Work() {{body}}
        }
        """;
}
