namespace SerializerBench.Model;

/// <summary>The root of the benchmark's graph: an order as a business application would pass it around.</summary>
public sealed record Order(
    Guid Id,
    string Number,
    DateTime CreatedAt,
    OrderStatus Status,
    Customer Customer,
    List<OrderLine> Lines,
    List<string> Tags,
    Dictionary<string, int> Counters,
    decimal Total,
    string? Note);
