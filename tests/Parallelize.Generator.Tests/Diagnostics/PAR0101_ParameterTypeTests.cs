using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0101 ParameterTypeNotSupported: every argument is written to the wire, so its type must be one the wire format
/// carries (primitives, string, decimal, enums and single-dimension arrays of them).
/// </summary>
public sealed class PAR0101_ParameterTypeTests
{
    private const string SaysNothing = "says nothing about what to carry; declare the type it holds";
    private const string StreamReason =
        "is a Stream, a handle to data rather than data; pass the bytes (byte[], Memory<byte>) or a file path";

    public static TheoryData<string, string, string> UnsupportedTypes => new()
    {
        { "int*", "int*", "is a pointer" },
        { "delegate*<int, void>", "delegate*<int, void>", "is a function pointer" },
        { "Span<int>", "Span<int>", "is a by-ref-like type that cannot leave the stack" },
        { "ReadOnlySpan<char>", "ReadOnlySpan<char>", "is a by-ref-like type that cannot leave the stack" },
        { "Action", "Action", "is a delegate" },
        { "Func<int, string>", "Func<int, string>", "is a delegate" },
        { "object", "object", SaysNothing },
        { "dynamic", "dynamic", SaysNothing },
        { "object[]", "object[]", "cannot be carried because it holds object, which " + SaysNothing },
        { "List<Action>", "List<Action>", "cannot be carried because it holds Action, which is a delegate" },
        { "Dictionary<string, object?>", "Dictionary<string, object?>", "cannot be carried because it holds object?, which " + SaysNothing },
        { "(int, Action)", "(int, Action)", "cannot be carried because it holds Action, which is a delegate" },
        { "int[,]", "int[*,*]", "is a multi-dimensional array; use a jagged array (T[][])" },
        { "System.IO.Stream", "Stream", StreamReason },
        { "System.IO.MemoryStream", "MemoryStream", StreamReason },
        { "Queue<int>", "Queue<int>", "is not supported by the wire format (see the README's table of types that can cross)" },
        { "System.Text.StringBuilder", "StringBuilder", "is not supported by the wire format (see the README's table of types that can cross)" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedTypes))]
    public void UnsupportedTypeIsReportedOnTheParameterType(string type, string display, string reason)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet($"[|{type}|] value"),
            "PAR0101",
            $"'Jobs.Work' cannot run in a child process: parameter 'value' has type '{display}', which {reason}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("int")]
    [InlineData("string")]
    [InlineData("decimal")]
    [InlineData("nint")]
    [InlineData("DayOfWeek")]
    [InlineData("int[]")]
    [InlineData("string[][]")]
    [InlineData("DayOfWeek[]")]
    [InlineData("int?")]
    [InlineData("DateTime")]
    [InlineData("List<int>")]
    [InlineData("Dictionary<string, List<int[]>>")]
    [InlineData("IEnumerable<string?>")]
    [InlineData("(int A, string? B)")]
    [InlineData("ReadOnlyMemory<byte>")]
    public void CarriedTypeIsValid(string type) => DiagnosticAssert.Valid(Snippet($"{type} value"));

    [Fact]
    public void ValidSiblingIsStillGenerated() =>
        DiagnosticAssert.GeneratesOnlyValidSibling(
            """
            using System.Collections.Generic;
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int Good(int x) => x;

                [RunInProcess]
                public static void Work(System.Action value) { }
            }
            """,
            "Good",
            "Work");

    // The unsupported parameter comes second, so a diagnostic placed on the first parameter fails the span check.
    private static string Snippet(string parameter) => $$"""
        using System;
        using System.Collections.Generic;
        using Parallelize;

        namespace Samples;

        public static partial class Jobs
        {
            [RunInProcess]
            public static unsafe void Work(int first, {{parameter}}) { }
        }
        """;
}
