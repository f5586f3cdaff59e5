using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Worker;

/// <summary>
/// Decodes the bodies of the frames the parent sends a worker. Each either decodes completely or throws
/// <see cref="ProtocolException"/>; a batch's calls are decoded later, one by one, as they run (<see cref="BatchRunner"/>).
/// </summary>
internal static class RequestDecoder
{
    /// <summary>Reads a <see cref="FrameKind.Call"/> body into a batch whose items are still serialized.</summary>
    /// <exception cref="ProtocolException">The body does not decode, or declares more calls than it could hold.</exception>
    public static ReceivedBatch ReadCall(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        uint batchId = reader.ReadUInt32();
        string assemblyName = AssemblyNameReader.Read(ref reader);
        int count = reader.ReadInt32();
        TraceContext? trace = TraceContextCodec.Read(ref reader);

        // Every call takes at least its method id: a count the rest of the frame cannot hold is corrupt. The count
        // sizes nothing, but it bounds the loop that answers the batch.
        if (count < 1 || count > reader.Remaining / sizeof(uint))
        {
            throw new ProtocolException($"A batch declares {count} calls in {reader.Remaining} bytes.");
        }

        return ReceivedBatch.Copy(batchId, assemblyName, count, trace, reader.ReadToEnd());
    }

    /// <summary>Reads a <see cref="FrameKind.Cancel"/> body: the id of the batch to cancel.</summary>
    /// <exception cref="ProtocolException">The body is not exactly a batch id.</exception>
    public static uint ReadCancel(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body);
        uint batchId = reader.ReadUInt32();
        reader.EnsureEnd();
        return batchId;
    }
}
