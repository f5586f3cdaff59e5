using Parallelize.Serialization;

namespace Parallelize.Dispatch;

/// <summary>
/// A generated, per-assembly entry point that runs a <c>[RunInProcess]</c> method in the child: a switch over
/// method ids fixed at compile time that reads the arguments, calls the method and writes its result.
/// </summary>
/// <param name="methodId">The method's compile-time id.</param>
/// <param name="arguments">The serialized arguments.</param>
/// <param name="result">Where the method's result is written.</param>
/// <returns>A task that completes when the method (awaited, if asynchronous) has finished and its result is written.</returns>
public delegate ValueTask DispatchFunction(uint methodId, ReadOnlySpan<byte> arguments, WireWriter result);
