using Parallelize.Generator.Helpers;

namespace Parallelize.Generator.Model
{
    /// <summary>
    /// The item types of every shared channel (<c>ProcessQueue&lt;T&gt;</c>, ...) the assembly's methods take, one per
    /// canonical name, ordered by it: the input of the file that registers their serializers with <c>WireCodec&lt;T&gt;</c>.
    /// </summary>
    internal sealed record ChannelSetSpec(string AssemblyName, EquatableArray<WireTypeSpec> Items);
}
