using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Parallelize.Dispatch;
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
        : this(assemblyName, methodId, methodName, observesCancellation: false)
    {
    }

    /// <summary>Called by generated code for a method that takes a <see cref="CancellationToken"/>.</summary>
    /// <param name="assemblyName">The simple name of the assembly that declares the method; the child loads it.</param>
    /// <param name="methodId">The method's id, fixed at compile time from its signature.</param>
    /// <param name="methodName">The method's full name, for messages.</param>
    /// <param name="observesCancellation">True when the method takes a token, which the child cancels when the caller
    /// cancels the call.</param>
    protected Call(string assemblyName, uint methodId, string methodName, bool observesCancellation)
    {
        AssemblyName = assemblyName ?? throw new ArgumentNullException(nameof(assemblyName));
        MethodId = methodId;
        MethodName = methodName ?? throw new ArgumentNullException(nameof(methodName));
        ObservesCancellation = observesCancellation;
    }

    /// <summary>
    /// True when the method takes a <see cref="CancellationToken"/>: cancelling the call first cancels that token in
    /// the child, and kills the worker only if the method does not stop within the grace period.
    /// </summary>
    public bool ObservesCancellation { get; }

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

    /// <summary>Appends the method id and the arguments, as a batch frame carries each call.</summary>
    internal void WriteTo(WireWriter writer)
    {
        writer.WriteUInt32(MethodId);
        WriteArguments(writer);
    }

    /// <summary>Appends the arguments alone, as a batch of calls of one method carries each call.</summary>
    internal void WriteArgumentsTo(WireWriter writer) => WriteArguments(writer);

    /// <summary>
    /// Reads one value the method reported in the child through its <see cref="IProgress{T}"/> parameter and posts it
    /// to the caller's instance; implemented by generated code for a method that takes one. Called on the thread that
    /// reads the worker's answers, which must not run the caller's code: <paramref name="relay"/> delivers the value
    /// later, in order.
    /// </summary>
    /// <param name="reader">The progress frame's value.</param>
    /// <param name="relay">Where the value goes, with the caller's <see cref="IProgress{T}"/>.</param>
    /// <exception cref="ProtocolException">The method takes no <see cref="IProgress{T}"/>, or the value does not decode.</exception>
    protected virtual void ReadProgress(ref WireReader reader, ProgressRelay relay) =>
        throw new ProtocolException($"The child reported progress for '{MethodName}', which takes no IProgress<T>.");

    internal void ReadProgressFrom(ref WireReader reader, ProgressRelay relay) => ReadProgress(ref reader, relay);

    /// <summary>
    /// The caller's logger, which entries the method logs in the child through its <see cref="ILogger"/> parameter are
    /// logged on; overridden by generated code for a method that takes one. Null when it takes none or the caller
    /// passed null: entries a child sends for such a call are dropped.
    /// </summary>
    protected virtual ILogger? Logger => null;

    internal ILogger? CallerLogger => Logger;

    /// <summary>Reads past this call's result when the caller wants none; a void method's result is no bytes.</summary>
    internal virtual void SkipResultFrom(ref WireReader reader)
    {
    }

    /// <inheritdoc />
    public override string ToString() => MethodName;
}
