using Parallelize.Protocol;

namespace Parallelize.Worker;

/// <summary>
/// A batch of calls as the child received it: the items are still serialized, read as they run, from a buffer of
/// <see cref="BatchBuffers"/> returned once the batch has run.
/// </summary>
internal sealed record ReceivedBatch(uint Id, string AssemblyName, int Count, TraceContext? Trace, byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Items => Buffer.AsSpan(0, Length);

    public static ReceivedBatch Copy(uint id, string assemblyName, int count, TraceContext? trace, ReadOnlySpan<byte> items)
    {
        byte[] buffer = BatchBuffers.Rent(items.Length);
        items.CopyTo(buffer);
        return new ReceivedBatch(id, assemblyName, count, trace, buffer, items.Length);
    }

    public void Release() => BatchBuffers.Return(Buffer);
}
