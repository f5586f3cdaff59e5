namespace Parallelize;

/// <summary>
/// Marks a static method that can run in a child process. At compile time the Parallelize generator emits, on the
/// declaring (partial) type, a <c>Calls.{Method}(...)</c> factory returning a <see cref="Call{TResult}"/> and an
/// <c>InProcess.{Method}(...)</c> shortcut that runs the call and awaits its result.
/// </summary>
/// <remarks>
/// The method must be static, non-generic, <c>internal</c> or <c>public</c>, declared in a non-generic partial type,
/// and take and return only types the wire format can carry. Anything else is a <c>PARnnnn</c> compiler diagnostic.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RunInProcessAttribute : Attribute
{
}
