namespace Parallelize.Tests.Methods;

/// <summary>Echo methods, one per type family: what comes back has crossed twice.</summary>
public static partial class CarriedTypeMethods
{
    [RunInProcess] public static Guid EchoGuid(Guid value) => value;
    [RunInProcess] public static DateTime EchoDateTime(DateTime value) => value;
    [RunInProcess] public static DateTimeOffset EchoDateTimeOffset(DateTimeOffset value) => value;
    [RunInProcess] public static TimeSpan EchoTimeSpan(TimeSpan value) => value;
    [RunInProcess] public static DateOnly EchoDateOnly(DateOnly value) => value;
    [RunInProcess] public static TimeOnly EchoTimeOnly(TimeOnly value) => value;
    [RunInProcess] public static Half EchoHalf(Half value) => value;
    [RunInProcess] public static Int128 EchoInt128(Int128 value) => value;
    [RunInProcess] public static UInt128 EchoUInt128(UInt128 value) => value;
    [RunInProcess] public static int? EchoNullableInt(int? value) => value;
    [RunInProcess] public static Point? EchoNullablePoint(Point? value) => value;
    [RunInProcess] public static int[][]? EchoJagged(int[][]? value) => value;
    [RunInProcess] public static string?[][] EchoJaggedStrings(string?[][] value) => value;
    [RunInProcess] public static DateTime[] EchoDateTimes(DateTime[] value) => value;
    [RunInProcess] public static List<string?>? EchoList(List<string?>? value) => value;
    [RunInProcess] public static List<double> EchoDoubleList(List<double> value) => value;
    [RunInProcess] public static IEnumerable<int> EchoSequence(IEnumerable<int> value) => value;
    [RunInProcess] public static IList<string> EchoIList(IList<string> value) => value;
    [RunInProcess] public static IReadOnlyList<long> EchoReadOnlyList(IReadOnlyList<long> value) => value;
    [RunInProcess] public static Dictionary<string, List<int>> EchoDictionary(Dictionary<string, List<int>> value) => value;
    [RunInProcess] public static IReadOnlyDictionary<int, string?> EchoReadOnlyDictionary(IReadOnlyDictionary<int, string?> value) => value;
    [RunInProcess] public static HashSet<string> EchoSet(HashSet<string> value) => value;
    [RunInProcess] public static (int Number, string? Text, double Ratio) EchoTuple((int Number, string? Text, double Ratio) value) => value;
    [RunInProcess] public static (int, int, int, int, int, int, int, int, string) EchoLongTuple((int, int, int, int, int, int, int, int, string) value) => value;
    [RunInProcess] public static Tuple<int, string?>? EchoReferenceTuple(Tuple<int, string?>? value) => value;
    [RunInProcess] public static KeyValuePair<string, Point> EchoPair(KeyValuePair<string, Point> value) => value;
    [RunInProcess] public static Memory<double> EchoMemory(Memory<double> value) => value;
    [RunInProcess] public static ReadOnlyMemory<string> EchoStringMemory(ReadOnlyMemory<string> value) => value;
    [RunInProcess] public static Point EchoPoint(Point value) => value;
    [RunInProcess] public static Customer EchoCustomer(Customer value) => value;
    [RunInProcess] public static Order? EchoOrder(Order? value) => value;
    [RunInProcess] public static Shape?[] EchoShapes(Shape?[] value) => value;
    [RunInProcess] public static IAnimal EchoAnimal(IAnimal value) => value;
    [RunInProcess] public static Node EchoNode(Node value) => value;
    [RunInProcess] public static Animal EchoPlainAnimal(Animal value) => value;

    /// <summary>Describes what arrived, so a test sees the child's view, not only the echo.</summary>
    [RunInProcess]
    public static string Describe(Order order) =>
        $"{order.Customer.Name}|{order.Lines.Length}|{order.Shapes.Count}|{order.Counts.Count}|{order.Inner?.Label}";

    /// <summary>Builds a chain in the child, so the result crosses with the given depth.</summary>
    [RunInProcess]
    public static Node Chain(int length)
    {
        var head = new Node { Value = 0 };
        Node current = head;
        for (int i = 1; i < length; i++)
        {
            current.Next = new Node { Value = i };
            current = current.Next;
        }

        return head;
    }

    /// <summary>Returns a graph with a cycle: the child cannot send it, and says so.</summary>
    [RunInProcess]
    public static Node Cycle()
    {
        var node = new Node { Value = 1 };
        node.Children.Add(node);
        return node;
    }
}
