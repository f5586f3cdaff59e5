using Parallelize.Generator.Helpers;

namespace Parallelize.Generator.Model
{
    /// <summary>
    /// One generated <c>Write</c>/<c>Read</c> overload pair. Overloads are told apart by type, so every pair is named
    /// the same and a reference needs only the type.
    /// </summary>
    /// <param name="TypeName">The type, <c>global::</c>-qualified, without nullable annotations or tuple element names:
    /// the overload's parameter type and the key that makes each pair unique.</param>
    /// <param name="Shape">What the pair writes.</param>
    /// <param name="IsReferenceType">The value can be null, so the wire carries a null marker.</param>
    /// <param name="ExactTypeCheck">A class others can derive from: writing checks the run-time type is exactly this one.</param>
    /// <param name="ReadAsTypeName">The concrete type read back (<c>List&lt;T&gt;</c> for <c>IEnumerable&lt;T&gt;</c>); the
    /// type itself otherwise.</param>
    /// <param name="Items">Element types: the item of a collection, key and value of a dictionary, the elements of a
    /// tuple, the underlying type of a nullable, the derived types of a union.</param>
    /// <param name="Members">An object's carried members, in wire order.</param>
    internal sealed record SerializerSpec(
        string TypeName,
        SerializerShape Shape,
        bool IsReferenceType,
        bool ExactTypeCheck,
        string ReadAsTypeName,
        EquatableArray<WireTypeSpec> Items,
        EquatableArray<MemberSpec> Members);
}
