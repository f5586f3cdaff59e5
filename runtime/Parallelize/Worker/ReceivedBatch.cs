using Parallelize.Protocol;

namespace Parallelize.Worker;

/// <summary>
/// A batch of calls as the child received it: the items are still serialized, read as they run, from a buffer of
/// <see cref="BatchBuffers"/> returned once the batch has run. Each item is its method id and arguments, or, when the
/// batch has a <see cref="SharedMethodId"/>, its arguments alone.
/// </summary>
internal sealed record ReceivedBatch(
    uint Id, string AssemblyName, int Count, TraceContext? Trace, uint? SharedMethodId, byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Items => Buffer.AsSpan(0, Length);

    public static ReceivedBatch Copy(
        uint id, string assemblyName, int count, TraceContext? trace, uint? sharedMethodId, ReadOnlySpan<byte> items)
    {
        byte[] buffer = BatchBuffers.Rent(items.Length);
        items.CopyTo(buffer);
        return new ReceivedBatch(id, assemblyName, count, trace, sharedMethodId, buffer, items.Length);
    }

    public void Release() => BatchBuffers.Return(Buffer);
}
