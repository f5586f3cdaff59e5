using Parallelize;
using SerializerBench.Model;

namespace SerializerBench;

/// <summary>
/// Never called: its signature is what makes the generator emit
/// <c>Parallelize.Generated.Serializers_SerializerBench</c> for <see cref="Order"/> and everything it holds.
/// </summary>
public static partial class Echo
{
    [RunInProcess]
    public static Order Same(Order order) => order;
}
