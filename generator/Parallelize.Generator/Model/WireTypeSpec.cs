using Parallelize.Generator.Helpers;

namespace Parallelize.Generator.Model
{
    /// <summary>How one declared type crosses: what a parameter, result, member or item refers to.</summary>
    /// <param name="Kind">The call shape used on the wire.</param>
    /// <param name="TypeName">The <c>global::</c>-qualified name, with nullable annotations, as the declaration spells it.</param>
    /// <param name="CanonicalName">The name without nullable annotations or tuple element names; for
    /// <see cref="WireKind.Composite"/> the <see cref="SerializerSpec.TypeName"/> of its serializer pair.</param>
    /// <param name="Primitive">The WireWriter/WireReader method suffix (<c>Int64</c>) for primitives, and for enums that of
    /// the underlying type; empty otherwise.</param>
    /// <param name="UnderlyingKeyword">An enum's underlying type keyword (<c>byte</c>); empty otherwise.</param>
    /// <param name="ElementTypeName">An unmanaged array's element type; empty otherwise.</param>
    /// <param name="Reported">For <see cref="WireKind.Progress"/>, how the reported <c>T</c> crosses; null otherwise.</param>
    /// <param name="ChannelItems">For a <see cref="WireKind.Shared"/> channel (a type implementing
    /// <c>ISharedChannel&lt;T&gt;</c>), how each such <c>T</c> crosses: the generator registers its serializer with
    /// <c>WireCodec&lt;T&gt;</c>. Empty otherwise.</param>
    /// <param name="CategoryTypeName">For a <see cref="WireKind.Logger"/> of type <c>ILogger&lt;T&gt;</c>, <c>T</c>;
    /// empty for a plain <c>ILogger</c> and otherwise.</param>
    internal sealed record WireTypeSpec(
        WireKind Kind,
        string TypeName,
        string CanonicalName,
        string Primitive,
        string UnderlyingKeyword,
        string ElementTypeName,
        WireTypeSpec? Reported,
        EquatableArray<WireTypeSpec> ChannelItems,
        string CategoryTypeName)
    {
        public static WireTypeSpec Of(WireKind kind, string typeName, string canonicalName, string primitive = "",
            string underlyingKeyword = "", string elementTypeName = "", WireTypeSpec? reported = null,
            EquatableArray<WireTypeSpec> channelItems = default, string categoryTypeName = "") =>
            new WireTypeSpec(kind, typeName, canonicalName, primitive, underlyingKeyword, elementTypeName, reported, channelItems,
                categoryTypeName);
    }
}
