namespace Parallelize.Generator.Model
{
    /// <summary>What a marked method returns, which decides how the child reports completion.</summary>
    internal enum ResultShape
    {
        Void,
        Value,
        Task,
        ValueTask,
        TaskOfValue,
        ValueTaskOfValue,
    }
}
