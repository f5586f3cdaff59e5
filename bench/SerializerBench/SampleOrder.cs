using SerializerBench.Model;

namespace SerializerBench;

/// <summary>
/// Builds the benchmark's order from its index arithmetic alone (no clock, no Random), so every run and both
/// processes of a BenchmarkDotNet run serialize the same bytes.
/// </summary>
public static class SampleOrder
{
    public const int LineCount = 20;

    private static readonly string[] Words =
    [
        "stainless", "steel", "bolt", "washer", "hex", "nut", "bracket", "galvanised", "hinge", "screw",
        "countersunk", "zinc", "plated", "anchor", "wall", "plug", "set", "pack", "of", "assorted",
    ];

    private static readonly DateTime Epoch = new(2026, 3, 14, 9, 26, 53, DateTimeKind.Utc);

    public static Order Create()
    {
        var billing = new Address("Bahnhofstrasse 12", "Zürich", "8001", "CH", null);
        var shipping = new Address("221B Baker Street", "London", "NW1 6XE", "GB", "Greater London");
        var customer = new Customer(
            Id(1), "Zoë Marsh", "zoe.marsh@example.com", billing, shipping, Epoch.AddDays(-1234), 4_210);

        var lines = new List<OrderLine>(LineCount);
        decimal total = 0;
        for (int i = 0; i < LineCount; i++)
        {
            var line = new OrderLine(
                LineNumber: i + 1,
                ProductId: Id(100 + i),
                Sku: $"SKU-{(i * 7919) % 100_000:D5}",
                Description: Description(i),
                Quantity: 1 + (i * 37) % 50,
                UnitPrice: 0.99m + (i * 131 % 10_000) / 100m,
                Discount: i % 3 == 0 ? 0.05m * (1 + i % 4) : null,
                Status: (LineStatus)(i % 4),
                ShippedAt: i % 2 == 0 ? Epoch.AddHours(i * 5).AddSeconds(i * 17) : null);
            total += line.Quantity * line.UnitPrice * (1 - (line.Discount ?? 0));
            lines.Add(line);
        }

        return new Order(
            Id: Id(0),
            Number: "SO-2026-000481",
            CreatedAt: Epoch,
            Status: OrderStatus.PartlyShipped,
            Customer: customer,
            Lines: lines,
            Tags: ["priority", "b2b", "net-30", "fragile", "gift-wrap"],
            Counters: new Dictionary<string, int>
            {
                ["revisions"] = 3,
                ["emails-sent"] = 7,
                ["support-tickets"] = 1,
                ["split-shipments"] = 2,
            },
            Total: decimal.Round(total, 2),
            Note: "Leave at reception if nobody answers; call ahead on weekdays.");
    }

    /// <summary>Three to eight words, so descriptions vary in length as real ones do.</summary>
    private static string Description(int i)
    {
        int count = 3 + i % 6;
        var words = new string[count];
        for (int w = 0; w < count; w++)
        {
            words[w] = Words[(i * 3 + w * 7) % Words.Length];
        }

        return string.Join(' ', words);
    }

    private static Guid Id(int n) => new(0x5EED0000 + n, (short)n, (short)(n * 3), 1, 2, 3, 4, 5, 6, 7, (byte)n);
}
