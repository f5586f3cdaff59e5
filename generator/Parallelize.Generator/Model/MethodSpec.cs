using Parallelize.Generator.Helpers;

namespace Parallelize.Generator.Model
{
    /// <summary>Everything the emitter needs about one valid <c>[RunInProcess]</c> method; no symbols, no syntax.</summary>
    /// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
    /// <param name="ContainingTypes">The containing types, outermost first.</param>
    /// <param name="TypeFullName">The innermost containing type, <c>global::</c>-qualified.</param>
    /// <param name="TypeDisplayName">The containing type's full name without <c>global::</c> (<c>Samples.Primes</c>).</param>
    /// <param name="HidesInheritedMembers">A base type has its own generated <c>Calls</c>/<c>Methods</c>/<c>InProcess</c>,
    /// so these must be declared <c>new</c>.</param>
    /// <param name="Name">The method's name.</param>
    /// <param name="Accessibility"><c>public</c> or <c>internal</c>: what the generated members can expose.</param>
    /// <param name="Parameters">The parameters in declaration order.</param>
    /// <param name="Result">The result.</param>
    /// <param name="Signature">The id source: <c>Samples.Primes.Count(long,long)-&gt;long</c>.</param>
    /// <param name="Id">The method id; unique within the assembly once ids are resolved.</param>
    /// <param name="Serializers">The serializer pairs its parameters and result need, ordered by type name.</param>
    internal sealed record MethodSpec(
        string Namespace,
        EquatableArray<ContainingTypeSpec> ContainingTypes,
        string TypeFullName,
        string TypeDisplayName,
        bool HidesInheritedMembers,
        string Name,
        string Accessibility,
        EquatableArray<ParameterSpec> Parameters,
        ResultSpec Result,
        string Signature,
        uint Id,
        EquatableArray<SerializerSpec> Serializers);
}
