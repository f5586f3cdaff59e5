namespace SerializerBench.Model;

/// <summary>A postal address; <see cref="Region"/> is null for countries without one.</summary>
public sealed record Address(string Street, string City, string PostalCode, string Country, string? Region);
