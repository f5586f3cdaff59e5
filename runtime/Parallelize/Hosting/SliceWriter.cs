using System.Buffers.Binary;
using System.Diagnostics;
using Parallelize.Execution;
using Parallelize.Protocol;
using Parallelize.Serialization;

namespace Parallelize.Hosting;

/// <summary>Serializes a <see cref="WorkSlice"/> as one <see cref="FrameKind.Call"/> frame.</summary>
internal static class SliceWriter
{
    /// <summary>Sets the batch id of a frame written at <paramref name="frameStart"/> before the slice was registered.</summary>
    public static void PatchId(WireWriter frames, int frameStart, uint id) =>
        BinaryPrimitives.WriteUInt32LittleEndian(frames.At(frameStart + ProtocolConstants.HeaderBytes, 4), id);

    /// <summary>
    /// Appends the slice's frame; on failure (an oversize frame, a throwing serializer) nothing is appended. The
    /// shared-memory blocks the frame refers to become the slice's, freed when the worker has answered it.
    /// </summary>
    /// <exception cref="ProtocolException">The frame exceeds <paramref name="maxFrameBytes"/>.</exception>
    public static void Write(WireWriter frames, WorkSlice slice, int maxFrameBytes)
    {
        int start = FrameWriter.Begin(frames, FrameKind.Call);
        long bulkMark = frames.Bulk?.Mark() ?? 0;
        try
        {
            frames.WriteUInt32(slice.Id);
            frames.WriteString(slice.Job.AssemblyName(slice.First));
            frames.WriteInt32(slice.Count);
            ActivityContext? trace = slice.Job.TraceParent;
            TraceContextCodec.Write(frames, trace, trace is null ? null : slice.MethodName(0));
            WriteCalls(frames, slice);

            FrameWriter.End(frames, start, maxFrameBytes);
            slice.BulkBlocks = frames.Bulk?.Claim(bulkMark);
        }
        catch
        {
            frames.Truncate(start);
            frames.Bulk?.Discard(bulkMark);
            throw;
        }
    }

    /// <summary>The layout byte and the calls: one method id for a job of one method, else one per call.</summary>
    private static void WriteCalls(WireWriter frames, WorkSlice slice)
    {
        int layoutStart = frames.Length;
        if (slice.Job.SharedMethodId(slice.First, slice.Count) is uint methodId)
        {
            long bulkMark = frames.Bulk?.Mark() ?? 0;
            frames.WriteByte((byte)BatchLayout.OneMethod);
            frames.WriteUInt32(methodId);
            int argumentsStart = frames.Length;
            slice.Job.WriteArguments(frames, slice.First, slice.Count);
            if (frames.Length - argumentsStart >= slice.Count)
            {
                return;
            }

            // Arguments of no bytes (an empty struct): the worker could not bound the count by the frame's length.
            frames.Truncate(layoutStart);
            frames.Bulk?.Discard(bulkMark);
        }

        frames.WriteByte((byte)BatchLayout.EachCallNamesItsMethod);
        slice.Job.WriteItems(frames, slice.First, slice.Count);
    }
}
