namespace Parallelize.Generator.Model
{
    /// <summary>One type around a marked method, reopened as <c>partial {Keyword} {Name}</c>.</summary>
    /// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
    /// <param name="Name">The type's name (never generic: generic containing types are rejected).</param>
    internal sealed record ContainingTypeSpec(string Keyword, string Name);
}
