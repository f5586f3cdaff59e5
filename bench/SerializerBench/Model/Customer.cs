namespace SerializerBench.Model;

/// <summary>The order's customer: a nested record with a second, optional nested record.</summary>
public sealed record Customer(
    Guid Id,
    string Name,
    string Email,
    Address Billing,
    Address? Shipping,
    DateTime Since,
    int? LoyaltyPoints);
