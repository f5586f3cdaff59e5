using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Diagnostics;

/// <summary>
/// PAR0101 for the user's own types: the message names the member path that fails, so a type nested deep in a
/// record graph is found without reading the generator's mind.
/// </summary>
public sealed class PAR0101_MemberPathTests
{
    public static TheoryData<string, string, string> UnsupportedUserTypes => new()
    {
        {
            "public sealed class Order { public Customer Customer { get; set; } = new(); } public sealed class Customer { public Action? OnChanged { get; set; } }",
            "Order",
            "cannot be carried because Order.Customer.OnChanged is a delegate"
        },
        {
            "public sealed record Order(List<Line> Lines); public sealed record Line(object Payload);",
            "Order",
            "cannot be carried because Order.Lines[i].Payload says nothing about what to carry; declare the type it holds"
        },
        {
            "public sealed record Order(Dictionary<string, System.IO.Stream> Files);",
            "Order",
            "cannot be carried because Order.Files[value] is a Stream, a handle to data rather than data; pass the bytes (byte[], Memory<byte>) or a file path"
        },
        {
            "public abstract class Order { }",
            "Order",
            "is abstract with no [DerivedType] attributes, so the child cannot know which type to create; declare the derived types with [DerivedType(typeof(...))]"
        },
        {
            "public interface Order { }",
            "Order",
            "is an interface with no [DerivedType] attributes, so the child cannot know which type to create; declare the implementations with [DerivedType(typeof(...))]"
        },
        {
            "public sealed class Order { public Order(string id) { Key = id; } public string Key { get; } }",
            "Order",
            "has no usable constructor: give it a public parameterless constructor, or a public one whose parameters all match public properties or fields by name and type"
        },
        {
            "[DerivedType(typeof(Special))] public class Order { } public sealed class Special : Order { }",
            "Order",
            "has [DerivedType] attributes but is not abstract; make it abstract, or declare the derived types on an abstract base or interface"
        },
        {
            "[DerivedType(typeof(string))] public abstract class Order { }",
            "Order",
            "declares [DerivedType(typeof(string))], which is not a concrete type derived from it"
        },
        {
            "public sealed class Order : IEnumerable<int> { public IEnumerator<int> GetEnumerator() => null!; System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => null!; }",
            "Order",
            "is a collection type the wire format does not know, and taking it apart by its properties would lose its items; use an array, List<T>, HashSet<T>, Dictionary<TKey, TValue> or one of their interfaces"
        },
        {
            "public unsafe struct Order { public int Count; public Inner Data; } public unsafe struct Inner { public byte* Bytes; }",
            "Order",
            "cannot be carried because Order.Data.Bytes is a pointer"
        },
        {
            "public struct Order { private string _secret; public Order(int x) { _secret = x.ToString(); } }",
            "Order",
            "is a struct with no public members to carry"
        },
        {
            "public sealed class Order { public Queue<int> Pending { get; set; } = new(); }",
            "Order",
            "cannot be carried because Order.Pending is not supported by the wire format (see the README's table of types that can cross)"
        },
    };

    [Theory]
    [MemberData(nameof(UnsupportedUserTypes))]
    public void FailingMemberIsNamedInTheMessage(string declarations, string type, string reason)
    {
        var run = DiagnosticAssert.ReportsExactly(
            Source(declarations, $"[|{type}|] value"),
            "PAR0101",
            $"'Jobs.Work' cannot run in a child process: parameter 'value' has type '{type}', which {reason}");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    [Fact]
    public void ResultPathIsNamedToo()
    {
        var run = DiagnosticAssert.ReportsExactly(
            """
            using System;
            using Parallelize;

            namespace Samples;

            public sealed record Report(string Title, Func<int> Callback);

            public static partial class Jobs
            {
                [RunInProcess]
                public static [|Report|] Work() => new("", () => 1);
            }
            """,
            "PAR0102",
            "'Jobs.Work' cannot run in a child process: its result type 'Report' cannot be carried because Report.Callback is a delegate");
        DiagnosticAssert.GeneratorSkipped(run);
    }

    public static TheoryData<string, string> CarriedUserTypes => new()
    {
        // A recursive type, a record with required and init members, a struct rebuilt through its constructor.
        { "public sealed class Order { public Order? Next { get; set; } public List<Order> Children { get; set; } = new(); }", "Order" },
        { "public record Order(string Id) { public required int Count { get; init; } public decimal Total { get; set; } }", "Order" },
        { "public readonly struct Order(string id, int count) { public string Id { get; } = id; public int Count { get; } = count; }", "Order" },
        // Declared implementations, one of them a struct; an unmanaged struct copied as bytes.
        { "[DerivedType(typeof(A))] [DerivedType(typeof(B))] public interface Order { } public sealed record A(int X) : Order; public readonly record struct B(string Y) : Order;", "Order" },
        { "public readonly record struct Order(double X, double Y, long Id);", "Order" },
        // Nested types and generic user types closed over carried arguments.
        { "public static class Outer { public sealed record Order(int X); }", "Outer.Order" },
        { "public sealed record Box<T>(T Value); public sealed record Order(Box<int> Number, Box<string?> Text);", "Order" },
        // A get-only computed property is not carried and does not block the type.
        { "public sealed class Order { public int[] Items { get; set; } = []; public int Count => Items.Length; }", "Order" },
    };

    [Theory]
    [MemberData(nameof(CarriedUserTypes))]
    public void CarriedUserTypeIsValid(string declarations, string type) =>
        DiagnosticAssert.Valid(Source(declarations, type + " value").Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal));

    private static string Source(string declarations, string parameter) => $$"""
        using System;
        using System.Collections.Generic;
        using Parallelize;

        namespace Samples;

        {{declarations}}

        public static partial class Jobs
        {
            [RunInProcess]
            public static void Work(int first, {{parameter}}) { }
        }
        """;
}

/// <summary>Types declared in a referenced assembly cross like the assembly's own: public members, public constructors.</summary>
public sealed class ReferencedAssemblyTypeTests
{
    [Fact]
    public void RecordFromAReferencedAssemblyIsCarried()
    {
        var library = GeneratorHarness.CreateCompilation(
            """
            namespace Shared;

            public sealed record Money(decimal Amount, string Currency);

            public sealed class Invoice
            {
                public required string Number { get; init; }
                public Money[] Items { get; set; } = [];
                internal int Hidden { get; set; } // not visible from the other assembly: not carried, not an error
            }
            """,
            assemblyName: "SharedTypes");
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        var reference = Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray());

        var app = GeneratorHarness.CreateCompilation(
            """
            using Parallelize;

            namespace App;

            public static partial class Billing
            {
                [RunInProcess]
                public static Shared.Invoice Settle(Shared.Invoice invoice) => invoice;
            }
            """).AddReferences(reference);
        var run = GeneratorHarness.Run(app);

        Assert.Empty(run.AnalyzerDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run);
        var serializers = run.Source("Parallelize.Serializers.g.cs");
        Assert.Contains("value = new global::Shared.Money(amount, currency);", serializers, StringComparison.Ordinal);
        Assert.Contains("Number = number,", serializers, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden", serializers, StringComparison.Ordinal);
    }
}
