using Parallelize.Serialization;
using Parallelize.Tests.Methods;

namespace Parallelize.Tests;

/// <summary>One warm worker for every round trip of <see cref="WireTypeFamilyTests"/>.</summary>
public sealed class EchoPool : IAsyncLifetime
{
    public ProcessPool Pool { get; } = new(new ProcessPoolOptions { WorkerCount = 1 });

    public async Task<T> Echo<T>(Call<T> call) => await Pool.RunAsync(call).WaitAsync(TimeSpan.FromSeconds(60));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Pool.DisposeAsync();
}

/// <summary>
/// Every type family the wire carries goes to a real worker and back (so it crosses twice, once each way) with its
/// edge values; what the wire cannot carry at run time (cycles, undeclared subtypes, depth) is a clear error.
/// </summary>
public sealed class WireTypeFamilyTests(EchoPool echo) : IClassFixture<EchoPool>
{
    [Fact]
    public async Task Framework_value_types_cross_with_their_edge_values()
    {
        foreach (Guid value in new[] { Guid.Empty, Guid.NewGuid(), Guid.AllBitsSet })
        {
            Assert.Equal(value, await echo.Echo(CarriedTypeMethods.Calls.EchoGuid(value)));
        }

        foreach (DateTime value in new[] { DateTime.MinValue, DateTime.MaxValue, DateTime.Now, DateTime.UtcNow, new DateTime(2024, 2, 29, 1, 2, 3, DateTimeKind.Unspecified) })
        {
            DateTime back = await echo.Echo(CarriedTypeMethods.Calls.EchoDateTime(value));
            Assert.Equal(value.Ticks, back.Ticks);
            Assert.Equal(value.Kind, back.Kind);
        }

        foreach (DateTimeOffset value in new[] { DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(14)), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(-570)) })
        {
            DateTimeOffset back = await echo.Echo(CarriedTypeMethods.Calls.EchoDateTimeOffset(value));
            Assert.Equal(value.Ticks, back.Ticks);
            Assert.Equal(value.Offset, back.Offset);
        }

        Assert.Equal(TimeSpan.MinValue, await echo.Echo(CarriedTypeMethods.Calls.EchoTimeSpan(TimeSpan.MinValue)));
        Assert.Equal(TimeSpan.MaxValue, await echo.Echo(CarriedTypeMethods.Calls.EchoTimeSpan(TimeSpan.MaxValue)));
        Assert.Equal(DateOnly.MinValue, await echo.Echo(CarriedTypeMethods.Calls.EchoDateOnly(DateOnly.MinValue)));
        Assert.Equal(DateOnly.MaxValue, await echo.Echo(CarriedTypeMethods.Calls.EchoDateOnly(DateOnly.MaxValue)));
        Assert.Equal(TimeOnly.MaxValue, await echo.Echo(CarriedTypeMethods.Calls.EchoTimeOnly(TimeOnly.MaxValue)));
        Assert.Equal(Int128.MinValue, await echo.Echo(CarriedTypeMethods.Calls.EchoInt128(Int128.MinValue)));
        Assert.Equal(UInt128.MaxValue, await echo.Echo(CarriedTypeMethods.Calls.EchoUInt128(UInt128.MaxValue)));
        foreach (Half value in new[] { Half.NaN, Half.NegativeZero, Half.MaxValue, Half.Epsilon })
        {
            Half back = await echo.Echo(CarriedTypeMethods.Calls.EchoHalf(value));
            Assert.Equal(BitConverter.HalfToUInt16Bits(value), BitConverter.HalfToUInt16Bits(back));
        }
    }

    [Fact]
    public async Task Nullable_values_cross_as_null_and_as_values()
    {
        Assert.Null(await echo.Echo(CarriedTypeMethods.Calls.EchoNullableInt(null)));
        Assert.Equal(int.MinValue, await echo.Echo(CarriedTypeMethods.Calls.EchoNullableInt(int.MinValue)));
        Assert.Null(await echo.Echo(CarriedTypeMethods.Calls.EchoNullablePoint(null)));
        Point? point = await echo.Echo(CarriedTypeMethods.Calls.EchoNullablePoint(new Point(double.NaN, -0.0)));
        Assert.True(double.IsNaN(point!.Value.X));
        Assert.True(double.IsNegative(point.Value.Y));
    }

    [Fact]
    public async Task Arrays_jagged_and_of_validated_types_cross_with_nulls_and_empties()
    {
        Assert.Null(await echo.Echo(CarriedTypeMethods.Calls.EchoJagged(null)));
        int[][] jagged = [[], null!, [int.MinValue, int.MaxValue]];
        Assert.Equal(jagged, await echo.Echo(CarriedTypeMethods.Calls.EchoJagged(jagged)));
        string?[][] strings = [[null, "", "surrogate pair 😀 𝄞"], []];
        Assert.Equal(strings, await echo.Echo(CarriedTypeMethods.Calls.EchoJaggedStrings(strings)));
        DateTime[] times = [DateTime.MinValue, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Local)];
        DateTime[] backTimes = await echo.Echo(CarriedTypeMethods.Calls.EchoDateTimes(times));
        Assert.Equal(times, backTimes);
        Assert.Equal(DateTimeKind.Local, backTimes[1].Kind);
    }

    [Fact]
    public async Task Lists_sequences_and_their_interfaces_cross_materialized()
    {
        Assert.Null(await echo.Echo(CarriedTypeMethods.Calls.EchoList(null)));
        Assert.Equal([null, "", "😀"], await echo.Echo(CarriedTypeMethods.Calls.EchoList([null, "", "😀"])));
        Assert.Empty((await echo.Echo(CarriedTypeMethods.Calls.EchoList([])))!);
        List<double> doubles = [double.NaN, double.MinValue, -0.0, .. Enumerable.Range(0, 100_000).Select(i => i * 0.5)];
        Assert.Equal(doubles, await echo.Echo(CarriedTypeMethods.Calls.EchoDoubleList(doubles)));

        // A lazy sequence is enumerated once on the way out and arrives as a list.
        int enumerations = 0;
        IEnumerable<int> lazy = Enumerable.Range(1, 5).Select(i => { enumerations++; return i * i; });
        IEnumerable<int> back = await echo.Echo(CarriedTypeMethods.Calls.EchoSequence(lazy));
        Assert.Equal([1, 4, 9, 16, 25], back);
        Assert.Equal(5, enumerations);
        Assert.IsType<List<int>>(back);

        Assert.Equal(["a", "b"], await echo.Echo(CarriedTypeMethods.Calls.EchoIList(new[] { "a", "b" })));
        Assert.Equal([long.MinValue, long.MaxValue], await echo.Echo(CarriedTypeMethods.Calls.EchoReadOnlyList([long.MinValue, long.MaxValue])));
    }

    [Fact]
    public async Task Dictionaries_and_sets_cross_with_their_entries()
    {
        var dictionary = new Dictionary<string, List<int>> { ["empty"] = [], ["none"] = null!, ["some"] = [1, 2, 3], [""] = [0] };
        Dictionary<string, List<int>> back = await echo.Echo(CarriedTypeMethods.Calls.EchoDictionary(dictionary));
        Assert.Equal(dictionary.Keys.Order(), back.Keys.Order());
        Assert.Null(back["none"]);
        Assert.Equal([1, 2, 3], back["some"]);

        IReadOnlyDictionary<int, string?> readOnly = new Dictionary<int, string?> { [int.MinValue] = null, [0] = "zero" };
        Assert.Equal(readOnly, await echo.Echo(CarriedTypeMethods.Calls.EchoReadOnlyDictionary(readOnly)));
        var set = new HashSet<string> { "", "a", "😀" };
        Assert.Equal(set, await echo.Echo(CarriedTypeMethods.Calls.EchoSet(set)));
    }

    [Fact]
    public async Task Tuples_and_pairs_cross_element_by_element()
    {
        var tuple = (Number: int.MaxValue, Text: (string?)null, Ratio: double.NaN);
        var back = await echo.Echo(CarriedTypeMethods.Calls.EchoTuple(tuple));
        Assert.Equal(int.MaxValue, back.Number);
        Assert.Null(back.Text);
        Assert.True(double.IsNaN(back.Ratio));

        var longTuple = (1, 2, 3, 4, 5, 6, 7, 8, "nine");
        Assert.Equal(longTuple, await echo.Echo(CarriedTypeMethods.Calls.EchoLongTuple(longTuple)));
        Assert.Null(await echo.Echo(CarriedTypeMethods.Calls.EchoReferenceTuple(null)));
        Assert.Equal(Tuple.Create(7, (string?)"x"), await echo.Echo(CarriedTypeMethods.Calls.EchoReferenceTuple(Tuple.Create(7, (string?)"x"))));
        var pair = KeyValuePair.Create("key", new Point(1, 2));
        Assert.Equal(pair, await echo.Echo(CarriedTypeMethods.Calls.EchoPair(pair)));
    }

    [Fact]
    public async Task Memory_crosses_as_its_slice()
    {
        double[] backing = [1, 2, 3, 4, 5];
        Memory<double> back = await echo.Echo(CarriedTypeMethods.Calls.EchoMemory(backing.AsMemory(1, 3)));
        Assert.Equal([2.0, 3.0, 4.0], back.ToArray());
        Assert.True((await echo.Echo(CarriedTypeMethods.Calls.EchoMemory(Memory<double>.Empty))).IsEmpty);
        // 8 MB: past the shared-memory threshold, so the slice crosses as a block in shared memory both ways.
        double[] large = [.. Enumerable.Range(0, 1_000_003).Select(static i => i * 0.25)];
        Memory<double> largeBack = await echo.Echo(CarriedTypeMethods.Calls.EchoMemory(large.AsMemory(3)));
        Assert.True(large.AsSpan(3).SequenceEqual(largeBack.Span));
        ReadOnlyMemory<string> strings = new[] { "a", null!, "c" };
        Assert.Equal(strings.ToArray(), (await echo.Echo(CarriedTypeMethods.Calls.EchoStringMemory(strings))).ToArray());
    }

    [Fact]
    public async Task Records_classes_and_structs_cross_through_constructors_and_setters()
    {
        Assert.Equal(new Point(double.MaxValue, double.Epsilon), await echo.Echo(CarriedTypeMethods.Calls.EchoPoint(new Point(double.MaxValue, double.Epsilon))));

        var customer = new Customer("Ada", new Address("1 Main", null, 12345), ["vip", ""]) { Since = new DateTime(1815, 12, 10), Credit = decimal.MaxValue };
        Customer backCustomer = await echo.Echo(CarriedTypeMethods.Calls.EchoCustomer(customer));
        Assert.Equivalent(customer, backCustomer, strict: true);

        Order order = SampleOrder(customer);
        Order? back = await echo.Echo(CarriedTypeMethods.Calls.EchoOrder(order));
        Assert.Equivalent(order, back, strict: true);
        Assert.Equal(order.Tag, back!.Tag);
        Assert.Equal(order.Legacy, back.Legacy);
        Assert.Null(await echo.Echo(CarriedTypeMethods.Calls.EchoOrder(null)));

        // The child's view of the same object, not only the echo.
        Assert.Equal("Ada|2|3|2|inner", await echo.Echo(CarriedTypeMethods.Calls.Describe(order)));
    }

    [Fact]
    public async Task Abstract_and_interface_values_cross_as_their_declared_types()
    {
        Shape?[] shapes = [new Circle(1.5), null, new Square(2)];
        Assert.Equal(shapes, await echo.Echo(CarriedTypeMethods.Calls.EchoShapes(shapes)));

        Assert.Equal(new Dog("Rex", 3), await echo.Echo(CarriedTypeMethods.Calls.EchoAnimal(new Dog("Rex", 3))));
        var cat = new Cat { Name = "Tom", Friend = new Cat { Name = "Jerry" } };
        var backCat = Assert.IsType<Cat>(await echo.Echo(CarriedTypeMethods.Calls.EchoAnimal(cat)));
        Assert.Equal("Jerry", backCat.Friend!.Name);
    }

    [Fact]
    public async Task A_derived_object_where_its_base_is_declared_is_refused_not_cut_down()
    {
        Assert.Equal("Polly", (await echo.Echo(CarriedTypeMethods.Calls.EchoPlainAnimal(new Animal { Name = "Polly" }))).Name);

        var error = await Assert.ThrowsAsync<WireSerializationException>(
            () => echo.Echo(CarriedTypeMethods.Calls.EchoPlainAnimal(new Parrot { Name = "Polly", Words = ["hello"] })));
        Assert.Contains("Parrot", error.Message, StringComparison.Ordinal);
        Assert.Contains("[DerivedType(typeof(Parrot))]", error.Message, StringComparison.Ordinal);
        Assert.Equal(42, await echo.Echo(CarriedTypeMethods.Calls.EchoNullableInt(42))); // the worker is unharmed
    }

    [Fact]
    public async Task A_cycle_is_a_clear_error_on_either_side_and_nothing_overflows()
    {
        var node = new Node { Value = 1 };
        node.Next = new Node { Value = 2, Next = node };
        var error = await Assert.ThrowsAsync<WireSerializationException>(() => echo.Echo(CarriedTypeMethods.Calls.EchoNode(node)));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);

        var remote = await Assert.ThrowsAsync<RemoteException>(() => echo.Echo(CarriedTypeMethods.Calls.Cycle()));
        Assert.Contains("WireSerializationException", remote.RemoteType, StringComparison.Ordinal);
        Assert.Contains("cycle", remote.Message, StringComparison.Ordinal);
        Assert.Equal(42, await echo.Echo(CarriedTypeMethods.Calls.EchoNullableInt(42)));
    }

    [Fact]
    public async Task Deep_graphs_cross_up_to_the_depth_limit_and_fail_clearly_beyond_it()
    {
        Node chain = await echo.Echo(CarriedTypeMethods.Calls.Chain(WireWriter.MaxDepth));
        int length = 0;
        for (Node? n = chain; n is not null; n = n.Next)
        {
            Assert.Equal(length++, n.Value);
        }

        Assert.Equal(WireWriter.MaxDepth, length);
        Assert.Equal(WireWriter.MaxDepth, Count(await echo.Echo(CarriedTypeMethods.Calls.EchoNode(chain))));

        var remote = await Assert.ThrowsAsync<RemoteException>(() => echo.Echo(CarriedTypeMethods.Calls.Chain(WireWriter.MaxDepth + 1)));
        Assert.Contains($"more than {WireWriter.MaxDepth} deep", remote.Message, StringComparison.Ordinal);

        static int Count(Node node)
        {
            int count = 0;
            for (Node? n = node; n is not null; n = n.Next)
            {
                count++;
            }

            return count;
        }
    }

    private static Order SampleOrder(Customer customer) => new()
    {
        Priority = null,
        Id = Guid.NewGuid(),
        Customer = customer,
        Lines = [new OrderLine("sku-1", 2), new OrderLine("", int.MinValue)],
        Counts = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 },
        Flags = [1, 2, 3],
        Tag = ("tag", 0.25),
        Legacy = Tuple.Create(1, (string?)null),
        Pair = KeyValuePair.Create("pair", long.MinValue),
        Wait = TimeSpan.FromMilliseconds(1.5),
        At = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-3)),
        Day = new DateOnly(2024, 2, 29),
        Time = new TimeOnly(23, 59, 59),
        Path = [new Point(0, 0), new Point(1, -1)],
        Shapes = [new Circle(1), new Square(2), new Circle(3)],
        Inner = new Outer.Nested { Label = "inner" },
    };
}
