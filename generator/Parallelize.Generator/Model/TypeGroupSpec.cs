using Parallelize.Generator.Helpers;

namespace Parallelize.Generator.Model
{
    /// <summary>The marked methods of one containing type: one generated file.</summary>
    /// <param name="Namespace">The namespace, empty for the global namespace.</param>
    /// <param name="ContainingTypes">The type and those around it, outermost first.</param>
    /// <param name="TypeFullName">The type, <c>global::</c>-qualified.</param>
    /// <param name="HidesInheritedMembers">Whether <c>Calls</c>/<c>Methods</c>/<c>InProcess</c> are declared <c>new</c>.</param>
    /// <param name="HintName">The generated file's hint name.</param>
    /// <param name="Methods">The type's methods, in signature order.</param>
    internal sealed record TypeGroupSpec(
        string Namespace,
        EquatableArray<ContainingTypeSpec> ContainingTypes,
        string TypeFullName,
        bool HidesInheritedMembers,
        string HintName,
        EquatableArray<MethodSpec> Methods);
}
