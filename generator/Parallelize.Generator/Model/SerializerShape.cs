namespace Parallelize.Generator.Model
{
    /// <summary>What a generated serializer pair writes and reads; decides the body the emitter writes.</summary>
    internal enum SerializerShape
    {
        /// <summary><c>T[]</c> with items written one by one; item 0 of <see cref="SerializerSpec.Items"/> is <c>T</c>.</summary>
        Array,

        /// <summary><c>List&lt;T&gt;</c>.</summary>
        List,

        /// <summary><c>List&lt;T&gt;</c> of unmanaged <c>T</c>, copied as one block.</summary>
        UnmanagedList,

        /// <summary>A sequence interface (<c>IEnumerable&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, ...): enumerated on write, a
        /// <c>List&lt;T&gt;</c> on read.</summary>
        Sequence,

        /// <summary><c>HashSet&lt;T&gt;</c>, or a set interface read as one.</summary>
        Set,

        /// <summary><c>Dictionary&lt;K, V&gt;</c>, or a dictionary interface read as one; items are key and value.</summary>
        Dictionary,

        /// <summary><c>Memory&lt;T&gt;</c> or <c>ReadOnlyMemory&lt;T&gt;</c> of unmanaged <c>T</c>, copied as one block.</summary>
        UnmanagedMemory,

        /// <summary><c>Memory&lt;T&gt;</c> or <c>ReadOnlyMemory&lt;T&gt;</c> with items written one by one.</summary>
        Memory,

        /// <summary><c>T?</c> for a value type <c>T</c>.</summary>
        Nullable,

        /// <summary>A value tuple; the items are its elements.</summary>
        ValueTuple,

        /// <summary>A class, struct or record written member by member (<see cref="SerializerSpec.Members"/>).</summary>
        Object,

        /// <summary>An abstract class, interface or base class with declared derived types (the items, in tag order).</summary>
        Union,
    }
}
