using System.ComponentModel;
using System.Runtime.CompilerServices;
using Parallelize.Serialization;

namespace Parallelize;

/// <summary>
/// A <c>[RunInProcess]</c> method as a value, to run over many arguments: a pool map given one writes each item's
/// arguments straight into the batch it sends and reads each result straight into the result array, with no
/// <see cref="Call"/> object per item. Obtain one from the generated <c>{Type}.Methods.{Method}</c> property.
/// </summary>
/// <typeparam name="TArgs">The method's argument: the parameter's type for a method of one parameter, a tuple of the
/// parameters' types (named after them) for more (Python's <c>starmap</c>).</typeparam>
/// <typeparam name="TResult">The method's result type (the <c>T</c> of a <c>Task&lt;T&gt;</c> method).</typeparam>
public abstract class RemoteMethod<TArgs, TResult>
{
    /// <summary>Called by generated code.</summary>
    /// <param name="assemblyName">The simple name of the assembly that declares the method; workers load it.</param>
    /// <param name="methodId">The method's id, fixed at compile time from its signature.</param>
    /// <param name="methodName">The method's full name, for messages.</param>
    /// <param name="observesCancellation">True when the method takes a <see cref="CancellationToken"/>, which the
    /// worker cancels when the caller cancels.</param>
    protected RemoteMethod(string assemblyName, uint methodId, string methodName, bool observesCancellation)
    {
        AssemblyName = assemblyName ?? throw new ArgumentNullException(nameof(assemblyName));
        MethodId = methodId;
        MethodName = methodName ?? throw new ArgumentNullException(nameof(methodName));
        ObservesCancellation = observesCancellation;
    }

    /// <summary>The full name of the method, such as <c>MyApp.Primes.Count</c>.</summary>
    public string MethodName { get; }

    /// <summary>True when the method takes a <see cref="CancellationToken"/>.</summary>
    public bool ObservesCancellation { get; }

    /// <summary>The simple name of the assembly that declares the method.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public string AssemblyName { get; }

    /// <summary>The method's id within its assembly, fixed at compile time from its signature.</summary>
    [EditorBrowsable(EditorBrowsableState.Advanced)]
    public uint MethodId { get; }

    /// <summary>Writes one item's arguments; implemented by generated code.</summary>
    /// <param name="writer">The batch being built.</param>
    /// <param name="arguments">The item.</param>
    protected abstract void WriteArguments(WireWriter writer, TArgs arguments);

    /// <summary>Reads one result the worker wrote; implemented by generated code.</summary>
    /// <param name="reader">The answers being read.</param>
    protected abstract TResult ReadResult(ref WireReader reader);

    /// <summary>
    /// True when <see cref="WriteArguments"/> writes exactly the bytes <typeparamref name="TArgs"/> has in memory on a
    /// little-endian machine (one parameter of a fixed-size number, an enum or an unmanaged struct): a map then copies
    /// a batch's arguments as one block. Overridden by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual bool ArgumentsAreRawBytes => false;

    /// <summary>
    /// True when <see cref="ReadResult"/> reads exactly the bytes <typeparamref name="TResult"/> has in memory on a
    /// little-endian machine: a map then reads each result without calling it. Overridden by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected virtual bool ResultIsRawBytes => false;

    /// <summary>Whether a batch's arguments may be copied from the items' memory; never for a type holding references.</summary>
    internal bool CopiesArguments => ArgumentsAreRawBytes && BitConverter.IsLittleEndian && !RuntimeHelpers.IsReferenceOrContainsReferences<TArgs>();

    /// <summary>Whether results may be read as their memory; never for a type holding references.</summary>
    internal bool CopiesResults => ResultIsRawBytes && BitConverter.IsLittleEndian && !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>();

    internal void WriteArgumentsTo(WireWriter writer, TArgs arguments) => WriteArguments(writer, arguments);

    internal TResult ReadResultFrom(ref WireReader reader) => ReadResult(ref reader);

    /// <inheritdoc />
    public override string ToString() => MethodName;
}
