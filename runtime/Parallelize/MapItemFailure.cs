namespace Parallelize;

/// <summary>One failed item of a map.</summary>
/// <param name="Index">The item's position in the input.</param>
/// <param name="Error">Why it failed: a <see cref="RemoteException"/>, <see cref="WorkerCrashedException"/>,
/// <see cref="TimeoutException"/> and so on.</param>
public sealed record MapItemFailure(int Index, Exception Error);
