namespace Parallelize.Worker;

/// <summary>A call frame copied out of the reader's buffer, waiting to run.</summary>
internal sealed record ReceivedCall(uint CallId, string AssemblyName, uint MethodId, byte[] Arguments);
