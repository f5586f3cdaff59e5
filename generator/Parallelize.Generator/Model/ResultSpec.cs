namespace Parallelize.Generator.Model
{
    /// <summary>A marked method's result.</summary>
    /// <param name="Shape">void, a plain value, or one of the awaitable shapes.</param>
    /// <param name="Value">The carried value type (the <c>T</c> of <c>Task&lt;T&gt;</c>); null when nothing comes back.</param>
    internal sealed record ResultSpec(ResultShape Shape, WireTypeSpec? Value)
    {
        public bool HasValue => Value is not null;
    }
}
