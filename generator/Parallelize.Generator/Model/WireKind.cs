namespace Parallelize.Generator.Model
{
    /// <summary>How the wire format carries one value; each kind maps to one call shape in generated code.</summary>
    internal enum WireKind
    {
        /// <summary>A value with its own WireWriter/WireReader pair: <c>WriteInt64(v)</c> / <c>ReadInt64()</c>.</summary>
        Primitive,

        /// <summary>A string, possibly null.</summary>
        String,

        /// <summary>An enum, carried as its underlying primitive.</summary>
        Enum,

        /// <summary>An array of unmanaged elements, copied as one block.</summary>
        UnmanagedArray,

        /// <summary>An unmanaged struct of the user's, copied as its bytes.</summary>
        UnmanagedValue,

        /// <summary>A type with a generated serializer pair (<see cref="SerializerSpec"/>): objects, collections, tuples.</summary>
        Composite,

        /// <summary>
        /// A <c>CancellationToken</c>: nothing on the wire; the child passes the token it cancels when the caller
        /// cancels the call.
        /// </summary>
        CancellationToken,

        /// <summary>
        /// An <c>IProgress&lt;T&gt;</c>: one boolean on the wire (the caller passed an instance); the child passes a
        /// reporter that sends each value to the caller's instance as the method runs. <see cref="WireTypeSpec.Reported"/>
        /// is <c>T</c>.
        /// </summary>
        Progress,

        /// <summary>
        /// An <c>ILogger</c> or <c>ILogger&lt;T&gt;</c>: one byte on the wire (the lowest level the caller's logger has
        /// enabled); the child passes a logger that sends each enabled entry to the caller's logger as the method runs.
        /// <see cref="WireTypeSpec.CategoryTypeName"/> is the <c>T</c> of an <c>ILogger&lt;T&gt;</c>.
        /// </summary>
        Logger,

        /// <summary>
        /// A shared object (a type derived from <c>Parallelize.Sharing.SharedObject</c>: <c>ProcessLock</c>,
        /// <c>ProcessQueue&lt;T&gt;</c>, ...): a handle crosses, and the receiver attaches to the same shared memory.
        /// Written with <c>WriteShared(v)</c>, read with the type's static <c>ReadShared(ref reader)</c>. A channel's
        /// items are in <see cref="WireTypeSpec.ChannelItems"/>.
        /// </summary>
        Shared,
    }
}
