using System.Buffers;
using Parallelize.Protocol;

namespace Parallelize.Worker;

/// <summary>
/// A batch of calls as the child received it: the items are still serialized, read as they run, from a buffer rented
/// from the shared array pool and returned once the batch has run.
/// </summary>
internal sealed record ReceivedBatch(uint Id, string AssemblyName, int Count, TraceContext? Trace, byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Items => Buffer.AsSpan(0, Length);

    public static ReceivedBatch Copy(uint id, string assemblyName, int count, TraceContext? trace, ReadOnlySpan<byte> items)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(items.Length);
        items.CopyTo(buffer);
        return new ReceivedBatch(id, assemblyName, count, trace, buffer, items.Length);
    }

    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
