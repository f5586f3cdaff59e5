using Parallelize.Serialization;

namespace Parallelize.Dispatch;

/// <summary>
/// A generated, per-assembly entry point that runs a <c>[RunInProcess]</c> method in the child: a switch over
/// method ids fixed at compile time that reads the arguments, calls the method and writes its result.
/// </summary>
/// <param name="methodId">The method's compile-time id.</param>
/// <param name="arguments">The serialized arguments; the function reads exactly this call's, since a batch of calls
/// shares one reader.</param>
/// <param name="result">Where the method's result is written.</param>
/// <param name="cancellationToken">Passed to a method's <see cref="CancellationToken"/> parameter; cancelled when the
/// caller cancels the call.</param>
/// <returns>A task that completes when the method (awaited, if asynchronous) has finished and its result is written.</returns>
public delegate ValueTask DispatchFunction(uint methodId, ref WireReader arguments, WireWriter result, CancellationToken cancellationToken);
