namespace SerializerBench.Model;

/// <summary>Where an order is.</summary>
public enum OrderStatus
{
    Pending,
    Paid,
    PartlyShipped,
    Shipped,
    Cancelled,
}
