namespace Parallelize.Protocol;

/// <summary>
/// Every frame is <c>[u32 body length][u8 kind][body]</c>, little-endian. Bodies:
/// <list type="bullet">
/// <item><see cref="Hello"/> (child → parent, first): u32 magic, u16 version, i32 pid, 16-byte runtime build id.</item>
/// <item><see cref="Call"/> (parent → child): u32 call id, string assembly, u32 method id, arguments.</item>
/// <item><see cref="Close"/> (parent → child): empty; no more calls, exit when the running ones are answered.</item>
/// <item><see cref="Result"/> (child → parent): u32 call id, result.</item>
/// <item><see cref="Error"/> (child → parent): u32 call id, then a <see cref="RemoteErrorCodec"/> error.</item>
/// <item><see cref="Fatal"/> (child → parent): a string; the child is exiting because the parent broke the protocol.</item>
/// </list>
/// </summary>
internal enum FrameKind : byte
{
    Hello = 1,
    Call = 2,
    Close = 3,
    Result = 4,
    Error = 5,
    Fatal = 6,
}
