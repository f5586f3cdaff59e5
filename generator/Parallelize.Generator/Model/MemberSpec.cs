namespace Parallelize.Generator.Model
{
    /// <summary>One carried member of an object.</summary>
    /// <param name="Name">The member's name as code writes it (<c>@class</c> for keywords).</param>
    /// <param name="Type">How it crosses.</param>
    /// <param name="ConstructorIndex">The position of the constructor parameter that restores it, or -1 when the object
    /// initializer sets it.</param>
    internal sealed record MemberSpec(string Name, WireTypeSpec Type, int ConstructorIndex);
}
