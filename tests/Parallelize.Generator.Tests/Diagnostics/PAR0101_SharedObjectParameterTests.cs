using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0101 for shared objects: they cross as handles in parameters, however deep; a channel's items
/// (<c>ISharedChannel&lt;T&gt;</c>) are classified like any carried type, and may not be shared objects themselves,
/// nor may a progress report: both travel apart from the call, when the sender may no longer hold the object.
/// </summary>
public sealed class PAR0101_SharedObjectParameterTests
{
    private const string Detached =
        "is a shared object, which can only be passed to a call as an argument, not sent as a channel item or a progress report: the sender may exit or dispose it before the receiver attaches";

    public static TheoryData<string, string, string> UnsupportedTypes => new()
    {
        // A channel's items are named like a collection's.
        { "ProcessQueue<Action>", "ProcessQueue<Action>", "cannot be carried because it holds Action, which is a delegate" },
        { "ProcessQueue<object>", "ProcessQueue<object>", "cannot be carried because it holds object, which says nothing about what to carry; declare the type it holds" },
        { "ProcessQueue<CancellationToken>", "ProcessQueue<CancellationToken>", "cannot be carried because it holds CancellationToken, which can only be a parameter of the method itself, not part of a value" },
        { "Box", "Box", "cannot be carried because Box.Items[item] says nothing about what to carry; declare the type it holds" },
        // No shared object inside a channel item or a progress report, even when it is fine as a parameter.
        { "ProcessQueue<ProcessLock>", "ProcessQueue<ProcessLock>", "cannot be carried because it holds ProcessLock, which " + Detached },
        { "ProcessQueue<Holder>", "ProcessQueue<Holder>", "cannot be carried because Holder.Lock " + Detached },
        { "Node", "Node", "cannot be carried because Node.Next[item].Lock " + Detached },
        { "IProgress<ProcessLock>", "IProgress<ProcessLock>", "reports ProcessLock, which " + Detached },
        { "IProgress<Holder>", "IProgress<Holder>", "reports Holder, which cannot be carried because Holder.Lock " + Detached },
        // The abstract base: the child could not know what to attach to.
        {
            "Parallelize.Sharing.SharedObject",
            "SharedObject",
            "is a shared object type the child cannot attach to, as it has no public static ReadShared method; declare a concrete type such as ProcessLock or ProcessQueue<T>"
        },
    };

    [Theory]
    [MemberData(nameof(UnsupportedTypes))]
    public void UnsupportedSharedTypeIsReportedOnTheParameterType(string type, string display, string reason)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Snippet($"[|{type}|] value"),
            "PAR0101",
            $"'Jobs.Work' cannot run in a child process: parameter 'value' has type '{display}', which {reason}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void TypeAcceptedAsAParameterIsStillRefusedAsAChannelItem()
    {
        // Holder crosses as a parameter; as an item of a channel it is looked at again, not taken from the cache.
        var run = DiagnosticAssert.ReportsExactly(
            Snippet("Holder holder, [|ProcessQueue<Holder>|] value"),
            "PAR0101",
            $"'Jobs.Work' cannot run in a child process: parameter 'value' has type 'ProcessQueue<Holder>', which cannot be carried because Holder.Lock {Detached}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Theory]
    [InlineData("ProcessLock value")]
    [InlineData("ProcessLock? value = null")]
    [InlineData("ProcessQueue<int> value")]
    [InlineData("ProcessQueue<string?> value")]
    [InlineData("ProcessQueue<Order> value")]
    [InlineData("ProcessQueue<List<Order>> value")]
    [InlineData("ProcessQueue<(int Id, Order? Order)> value")]
    [InlineData("ProcessLock[] value")]
    [InlineData("List<ProcessLock> value")]
    [InlineData("Dictionary<string, ProcessQueue<Order>> value")]
    [InlineData("(int, ProcessLock) value")]
    [InlineData("Holder value")]
    [InlineData("Holder value, ProcessQueue<Order> orders, IProgress<Order> progress")]
    public void SharedObjectParameterIsValid(string parameters) => DiagnosticAssert.Valid(Snippet(parameters));

    private static string Snippet(string parameters) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using Parallelize;

        namespace Samples;

        public sealed record Order(string Sku, int Quantity);

        public sealed record Holder(string Name, ProcessLock Lock);

        public sealed record Box(ProcessQueue<object> Items);

        public sealed record Node(ProcessLock Lock, ProcessQueue<Node>? Next);

        public static partial class Jobs
        {
            [RunInProcess]
            public static void Work({{parameters}}) { }
        }
        """;
}
