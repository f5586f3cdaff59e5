namespace Parallelize.Generator.Model
{
    /// <summary>One parameter of a marked method.</summary>
    /// <param name="Name">The identifier as generated code writes it (<c>@class</c> for keywords).</param>
    /// <param name="FieldName">The call class's field for it: the name, unless that would hide a member of Call.</param>
    /// <param name="CrefTypeName">The type as a <c>cref</c> spells it (no nullable annotations).</param>
    /// <param name="Type">How the wire carries it.</param>
    /// <param name="DefaultValue">The default value as a C# expression, or null when it has none.</param>
    internal sealed record ParameterSpec(
        string Name,
        string FieldName,
        string CrefTypeName,
        WireTypeSpec Type,
        string? DefaultValue);
}
