using System.Text;
using SerializerBench.Model;

namespace SerializerBench;

/// <summary>
/// Proves both serializers give the sample order back before anything is timed, so that nobody benchmarks a broken
/// (or conveniently lossy) serializer; and measures the bytes each produces.
/// </summary>
public static class RoundTripCheck
{
    public readonly record struct Sizes(int Parallelize, int SystemTextJson);

    /// <exception cref="InvalidOperationException">A round trip did not give back an equal graph.</exception>
    public static Sizes Run()
    {
        Order order = SampleOrder.Create();

        byte[] wire = new WireCodec().Serialize(order).ToArray();
        if (!OrderEquality.Same(order, WireCodec.Deserialize(wire)))
        {
            throw new InvalidOperationException("The generated serializer's round trip changed the order.");
        }

        byte[] json = new JsonCodec().Serialize(order).ToArray();
        if (!OrderEquality.Same(order, JsonCodec.Deserialize(json)))
        {
            throw new InvalidOperationException(
                "System.Text.Json's round trip changed the order: " + Encoding.UTF8.GetString(json));
        }

        return new Sizes(wire.Length, json.Length);
    }
}
