namespace SerializerBench.Model;

/// <summary>One line of an order; <see cref="Discount"/> and <see cref="ShippedAt"/> are set on some lines only.</summary>
public sealed record OrderLine(
    int LineNumber,
    Guid ProductId,
    string Sku,
    string Description,
    int Quantity,
    decimal UnitPrice,
    decimal? Discount,
    LineStatus Status,
    DateTime? ShippedAt);
