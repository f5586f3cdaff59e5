namespace Parallelize;

/// <summary>
/// Declares a type that may stand where this abstract class, interface or base class is declared, so that a value of
/// it can cross to a child process. The wire carries the position of the attribute, not a type name: both processes
/// run the same build.
/// </summary>
/// <example><code>
/// [DerivedType(typeof(Circle))]
/// [DerivedType(typeof(Square))]
/// public abstract record Shape;
/// </code></example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
public sealed class DerivedTypeAttribute : Attribute
{
    /// <summary>Declares <paramref name="type"/> as a type that may stand where the attributed type is declared.</summary>
    public DerivedTypeAttribute(Type type)
    {
        Type = type;
    }

    /// <summary>The derived or implementing type.</summary>
    public Type Type { get; }
}
