namespace Parallelize.Tests.Methods;

// Types of every family the wire carries, for WireTypeFamilyTests.

public sealed record Address(string Street, string? City, int Zip);

/// <summary>A positional record with required and settable members besides its constructor.</summary>
public record Customer(string Name, Address? Home, List<string> Tags)
{
    public required DateTime Since { get; init; }

    public decimal Credit { get; set; }
}

/// <summary>A struct rebuilt through its constructor (it holds a string, so it is not copied as bytes).</summary>
public readonly struct OrderLine(string sku, int quantity)
{
    public string Sku { get; } = sku;

    public int Quantity { get; } = quantity;
}

/// <summary>An unmanaged struct: copied as its bytes, private state included.</summary>
public readonly record struct Point(double X, double Y);

/// <summary>A class with a parameterless constructor and settable members of many families.</summary>
public sealed class Order
{
    public int? Priority;

    public Guid Id { get; set; }

    public Customer Customer { get; set; } = null!;

    public OrderLine[] Lines { get; set; } = [];

    public Dictionary<string, int> Counts { get; set; } = [];

    public HashSet<int>? Flags { get; set; }

    public (string Key, double Weight) Tag { get; set; }

    public Tuple<int, string?>? Legacy { get; set; }

    public KeyValuePair<string, long> Pair { get; set; }

    public TimeSpan Wait { get; set; }

    public DateTimeOffset At { get; set; }

    public DateOnly Day { get; set; }

    public TimeOnly Time { get; set; }

    public Point[] Path { get; set; } = [];

    public IReadOnlyList<Shape> Shapes { get; set; } = [];

    public Outer.Nested? Inner { get; set; }

    public int Computed => Lines.Length; // get-only: computed, not carried
}

public static class Outer
{
    public sealed class Nested
    {
        public string Label { get; init; } = "";
    }
}

[DerivedType(typeof(Circle))]
[DerivedType(typeof(Square))]
public abstract record Shape;

public sealed record Circle(double Radius) : Shape;

public sealed record Square(double Side) : Shape;

[DerivedType(typeof(Dog))]
[DerivedType(typeof(Cat))]
public interface IAnimal
{
    string Name { get; }
}

public readonly record struct Dog(string Name, int Barks) : IAnimal;

public sealed class Cat : IAnimal
{
    public string Name { get; set; } = "";

    public Cat? Friend { get; set; }
}

/// <summary>A recursive type: a cycle through it is an error, a long chain is fine up to the depth limit.</summary>
public sealed class Node
{
    public int Value { get; set; }

    public Node? Next { get; set; }

    public List<Node> Children { get; set; } = [];
}

/// <summary>A class others derive from without declaring it: a derived instance is refused rather than cut down.</summary>
public class Animal
{
    public string Name { get; set; } = "";
}

public sealed class Parrot : Animal
{
    public string[] Words { get; set; } = [];
}
