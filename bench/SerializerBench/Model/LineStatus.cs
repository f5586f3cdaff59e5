namespace SerializerBench.Model;

/// <summary>Where one line of an order is.</summary>
public enum LineStatus
{
    Open,
    Picked,
    Shipped,
    BackOrdered,
}
