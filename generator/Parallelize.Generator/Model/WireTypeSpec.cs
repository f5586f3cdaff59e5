namespace Parallelize.Generator.Model
{
    /// <summary>A type the wire format carries, with everything the emitter needs to write and read it.</summary>
    /// <param name="Kind">The call shape used on the wire.</param>
    /// <param name="TypeName">The <c>global::</c>-qualified name, with nullable annotations, as generated code spells it.</param>
    /// <param name="Primitive">The WireWriter/WireReader method suffix (<c>Int64</c>) for primitives, and for enums that of
    /// the underlying type; empty otherwise.</param>
    /// <param name="UnderlyingKeyword">An enum's underlying type keyword (<c>byte</c>); empty otherwise.</param>
    /// <param name="Element">An array's element type; null otherwise.</param>
    internal sealed record WireTypeSpec(
        WireKind Kind,
        string TypeName,
        string Primitive,
        string UnderlyingKeyword,
        WireTypeSpec? Element);
}
