using System.ComponentModel;
using Parallelize.Serialization;

namespace Parallelize;

/// <summary>
/// One invocation of a <c>[RunInProcess]</c> method with its arguments, ready to run in another process. Obtain
/// one from the generated <c>{Type}.Calls.{Method}(...)</c> factory and hand it to an executor such as
/// <see cref="ChildProcess.Start(Call, ChildProcessOptions?)"/>. A call of a method that returns a value is a
/// <see cref="Call{TResult}"/>.
/// </summary>
public abstract class Call
{
    /// <summary>Called by generated code.</summary>
    /// <param name="assemblyName">The simple name of the assembly that declares the method; the child loads it.</param>
    /// <param name="methodId">The method's id, fixed at compile time from its signature.</param>
    /// <param name="methodName">The method's full name, for messages.</param>
    protected Call(string assemblyName, uint methodId, string methodName)
    {
        AssemblyName = assemblyName ?? throw new ArgumentNullException(nameof(assemblyName));
        MethodId = methodId;
        MethodName = methodName ?? throw new ArgumentNullException(nameof(methodName));
    }

    /// <summary>The full name of the called method, such as <c>MyApp.Primes.Count</c>.</summary>
    public string MethodName { get; }

    /// <summary>The simple name of the assembly that declares the method.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public string AssemblyName { get; }

    /// <summary>The method's id within its assembly, fixed at compile time from its signature.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public uint MethodId { get; }

    /// <summary>Writes the call's arguments; implemented by generated code.</summary>
    /// <param name="writer">The request frame's payload.</param>
    // Protected, not protected internal: generated overrides in an assembly this one grants internals to would
    // otherwise have to say "protected internal" while all others say "protected".
    protected abstract void WriteArguments(WireWriter writer);

    internal void WriteArgumentsTo(WireWriter writer) => WriteArguments(writer);

    internal virtual PendingCall CreatePending() => new PendingVoidCall(this);

    /// <inheritdoc />
    public override string ToString() => MethodName;
}
