namespace Parallelize.Worker;

/// <summary>A batch of calls as the child received it: the items are still serialized, read as they run.</summary>
internal sealed record ReceivedBatch(uint Id, string AssemblyName, int Count, byte[] Items);
