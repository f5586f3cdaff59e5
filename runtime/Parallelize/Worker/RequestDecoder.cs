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
        uint? sharedMethodId = ReadLayout(ref reader, out int minimumCallBytes);

        // A count the rest of the frame cannot hold is corrupt. The count sizes nothing, but it bounds the loop that
        // answers the batch.
        if (count < 1 || count > reader.Remaining / minimumCallBytes)
        {
            throw new ProtocolException($"A batch declares {count} calls in {reader.Remaining} bytes.");
        }

        return ReceivedBatch.Copy(batchId, assemblyName, count, trace, sharedMethodId, reader.ReadToEnd());
    }

    /// <summary>
    /// Reads the <see cref="BatchLayout"/>: the method id of every call when they share one (null when each names its
    /// own), and the fewest bytes a call takes, its method id or, when shared, a byte of arguments.
    /// </summary>
    private static uint? ReadLayout(ref WireReader reader, out int minimumCallBytes)
    {
        switch ((BatchLayout)reader.ReadByte())
        {
            case BatchLayout.EachCallNamesItsMethod:
                minimumCallBytes = sizeof(uint);
                return null;
            case BatchLayout.OneMethod:
                minimumCallBytes = 1;
                return reader.ReadUInt32();
            case var layout:
                throw new ProtocolException($"A batch has the unknown layout {(byte)layout}.");
        }
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
