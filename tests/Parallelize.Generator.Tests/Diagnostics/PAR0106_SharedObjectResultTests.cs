using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0106 SharedObjectResult: a shared object (<c>ProcessLock</c>, <c>ProcessQueue&lt;T&gt;</c>, any type derived from
/// <c>SharedObject</c>) crosses as a handle the receiver attaches to while the sender keeps it; a child that returns
/// one may have exited, closing it, before the caller attaches. So a shared object anywhere in the result is refused,
/// and the message says where; in parameters the same types are fine.
/// </summary>
public sealed class PAR0106_SharedObjectResultTests
{
    private const string Consequence =
        ", and a shared object cannot be a result: the child that created it may exit before the caller attaches; create it in the caller and pass it in as an argument";

    public static TheoryData<string, string, string> SharedResults => new()
    {
        { "ProcessLock", "ProcessLock", "is a shared object" },
        { "ProcessLock?", "ProcessLock?", "is a shared object" },
        { "ProcessQueue<int>", "ProcessQueue<int>", "is a shared object" },
        // The base class itself, though no child could attach to it anyway: the result rule comes first.
        { "Parallelize.Sharing.SharedObject", "SharedObject", "is a shared object" },
        // For Task<T> and ValueTask<T> the message is about T.
        { "Task<ProcessQueue<int>>", "ProcessQueue<int>", "is a shared object" },
        { "ValueTask<ProcessLock>", "ProcessLock", "is a shared object" },
        // Inside the result: the member path, or the item type when no member is on the way.
        { "Result", "Result", "holds a shared object at Result.Queue (ProcessQueue<int>)" },
        { "Task<Result>", "Result", "holds a shared object at Result.Queue (ProcessQueue<int>)" },
        { "ProcessLock[]", "ProcessLock[]", "holds a shared object (ProcessLock)" },
        { "Dictionary<string, ProcessLock>", "Dictionary<string, ProcessLock>", "holds a shared object (ProcessLock)" },
        { "(int Count, ProcessLock Lock)", "(int Count, ProcessLock Lock)", "holds a shared object (ProcessLock)" },
        { "List<Holder>", "List<Holder>", "holds a shared object at Holder.Inner.Lock (ProcessLock)" },
    };

    [Theory]
    [MemberData(nameof(SharedResults))]
    public void SharedObjectInTheResultIsReportedOnTheReturnType(string returnType, string display, string where)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet($"[|{returnType}|]", "Work()"),
            "PAR0106",
            $"'Jobs.Work' cannot run in a child process: its result type '{display}' {where}{Consequence}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void TypeAcceptedAsAParameterIsStillRefusedAsTheResult()
    {
        // One classifier serves the method: the parameter's spec of Result must not stand for the result's.
        var run = DiagnosticAssert.ReportsExactly(
            Snippet("[|Result|]", "Work(Result value, ProcessLock processLock)"),
            "PAR0106",
            $"'Jobs.Work' cannot run in a child process: its result type 'Result' holds a shared object at Result.Queue (ProcessQueue<int>){Consequence}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void ParameterErrorsAreReportedAlongside()
    {
        var run = GeneratorHarness.Run(Snippet("ProcessLock", "Work(Action callback)"));
        Assert.Equal(["PAR0101", "PAR0106"], run.AnalyzerDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("void", "Work(ProcessLock processLock)")]
    [InlineData("int", "Work(ProcessQueue<int> queue, Result value)")]
    [InlineData("Task<int>", "Work(ProcessLock[] locks, Dictionary<string, ProcessQueue<int>> queues, List<Holder> holders)")]
    public void SharedObjectsInParametersAreValid(string returnType, string signature) =>
        DiagnosticAssert.Valid(Snippet(returnType, signature));

    [Fact]
    public void ValidSiblingIsStillGenerated() =>
        DiagnosticAssert.GeneratesOnlyValidSibling(
            """
            using Parallelize;

            namespace Samples;

            public static partial class Jobs
            {
                [RunInProcess]
                public static int Good(ProcessLock processLock) => 1;

                [RunInProcess]
                public static ProcessLock Work() => new();
            }
            """,
            "Good",
            "Work");

    private static string Snippet(string returnType, string signature) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Parallelize;

        namespace Samples;

        public sealed record Result(int Count, ProcessQueue<int> Queue);

        public sealed record Inner(ProcessLock Lock);

        public sealed record Holder(string Name, Inner Inner);

        public static partial class Jobs
        {
            [RunInProcess]
            public static {{returnType}} {{signature}} => throw new NotImplementedException();
        }
        """;
}
