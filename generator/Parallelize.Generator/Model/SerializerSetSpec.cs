using Parallelize.Generator.Helpers;

namespace Parallelize.Generator.Model
{
    /// <summary>Every serializer pair of one assembly, ordered by type name: the input of the serializers file.</summary>
    internal sealed record SerializerSetSpec(string AssemblyName, EquatableArray<SerializerSpec> Serializers);
}
