namespace Parallelize.Generator.Model
{
    /// <summary>How the wire format carries one value; each kind maps to one WireWriter/WireReader call shape.</summary>
    internal enum WireKind
    {
        /// <summary>A fixed-size primitive or decimal: <c>WriteInt64(v)</c> / <c>ReadInt64()</c>.</summary>
        Primitive,

        /// <summary>A string, possibly null.</summary>
        String,

        /// <summary>An enum, carried as its underlying primitive.</summary>
        Enum,

        /// <summary>An array of unmanaged elements, copied as one block.</summary>
        UnmanagedArray,

        /// <summary>An array whose elements are written one by one.</summary>
        Array,

        /// <summary>
        /// A <c>CancellationToken</c>: nothing on the wire; the child passes the token it cancels when the caller
        /// cancels the call.
        /// </summary>
        CancellationToken,
    }
}
