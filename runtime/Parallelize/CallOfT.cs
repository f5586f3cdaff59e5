using Parallelize.Serialization;

namespace Parallelize;

/// <summary>A <see cref="Call"/> of a method whose result, of type <typeparamref name="TResult"/>, comes back to the caller.</summary>
/// <typeparam name="TResult">The method's result type (the <c>T</c> of a <c>Task&lt;T&gt;</c> method).</typeparam>
public abstract class Call<TResult> : Call
{
    /// <summary>Called by generated code.</summary>
    protected Call(string assemblyName, uint methodId, string methodName)
        : base(assemblyName, methodId, methodName)
    {
    }

    /// <summary>Called by generated code for a method that takes a <see cref="CancellationToken"/>.</summary>
    protected Call(string assemblyName, uint methodId, string methodName, bool observesCancellation)
        : base(assemblyName, methodId, methodName, observesCancellation)
    {
    }

    /// <summary>Reads the result the child wrote; implemented by generated code.</summary>
    /// <param name="reader">The result frame's payload.</param>
    protected abstract TResult ReadResult(ref WireReader reader);

    internal TResult ReadResultFrom(ref WireReader reader) => ReadResult(ref reader);

    internal override void SkipResultFrom(ref WireReader reader) => ReadResult(ref reader);
}
