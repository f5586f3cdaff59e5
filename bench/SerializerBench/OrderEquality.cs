using SerializerBench.Model;

namespace SerializerBench;

/// <summary>
/// Deep equality for the graph. Records compare their members with <see cref="object.Equals(object)"/>, which for
/// lists and dictionaries is reference equality, so a round trip would never compare equal without this.
/// </summary>
public static class OrderEquality
{
    public static bool Same(Order a, Order b)
    {
        // The collections compared by content below; every other member by the records' own equality.
        Order Shell(Order o) => o with { Lines = null!, Tags = null!, Counters = null! };

        return Shell(a) == Shell(b)
            && a.Lines.SequenceEqual(b.Lines)
            && a.Tags.SequenceEqual(b.Tags)
            && a.Counters.Count == b.Counters.Count
            && a.Counters.All(entry => b.Counters.TryGetValue(entry.Key, out int value) && value == entry.Value)
            // DateTime equality ignores the kind; a round trip must keep it.
            && a.CreatedAt.Kind == b.CreatedAt.Kind
            && a.Lines.Zip(b.Lines).All(pair => pair.First.ShippedAt?.Kind == pair.Second.ShippedAt?.Kind);
    }
}
