namespace Parallelize.Serialization;

/// <summary>
/// A value cannot be written for another process: its object graph has a cycle or nests too deep, or an object's
/// run-time type is not one the declared type carries. Nothing was sent.
/// </summary>
public sealed class WireSerializationException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public WireSerializationException(string message)
        : base(message)
    {
    }

    /// <summary>
    /// The error for an object whose run-time type is not one its declared type carries; sending it as the declared
    /// type would silently drop what the derived type adds.
    /// </summary>
    public static WireSerializationException UndeclaredType(Type declared, object value) => new(
        $"An object of type {value.GetType().FullName} cannot be sent as {declared.FullName}: the wire carries " +
        $"{declared.Name} exactly{(declared.IsAbstract || declared.IsInterface ? "" : " or the types its [DerivedType] attributes declare")}, " +
        $"and sending only its {declared.Name} part would lose data. Declare it with [DerivedType(typeof({value.GetType().Name}))] on {declared.Name}.");
}
