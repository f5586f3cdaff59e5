namespace Parallelize.Protocol;

/// <summary>How a <see cref="FrameKind.Call"/> frame names the methods of its calls (the byte after its trace context).</summary>
internal enum BatchLayout : byte
{
    /// <summary>Each call is <c>[u32 method id][arguments]</c>: a batch of several jobs' calls, or of a selector's.</summary>
    EachCallNamesItsMethod = 0,

    /// <summary>
    /// <c>[u32 method id]</c> once, then each call's arguments alone: a map of one method, whose calls would otherwise
    /// spend half their bytes, and a read and a write each, repeating the id. Only when the arguments take at least a
    /// byte per call, which bounds the call count by the frame's length.
    /// </summary>
    OneMethod = 1,
}
