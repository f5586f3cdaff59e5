namespace Parallelize.Generator.Analysis
{
    /// <summary>
    /// Where a classified type travels, which decides whether a shared object may be part of it: a shared object
    /// crosses as a handle that the receiver attaches to while the sender still holds it, which only a call's arguments
    /// guarantee (the caller keeps them until the call has started).
    /// </summary>
    internal enum WireUse
    {
        /// <summary>A parameter of the call: shared objects cross as handles.</summary>
        Argument,

        /// <summary>The method's result: a shared object is PAR0106, as the child that made it may be gone by the time
        /// the caller attaches.</summary>
        Result,

        /// <summary>An item of a shared channel or a reported progress value: sent apart from any call, so the sender
        /// may have exited or disposed a shared object before the receiver attaches; refused as PAR0101.</summary>
        Detached,
    }
}
