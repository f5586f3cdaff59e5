namespace Parallelize.Protocol;

/// <summary>
/// Every frame is <c>[u32 body length][u8 kind][body]</c>, little-endian. Bodies:
/// <list type="bullet">
/// <item><see cref="Hello"/> (child → parent, first): u32 magic, u16 version, i32 pid, 16-byte runtime build id.</item>
/// <item><see cref="Call"/> (parent → child): a batch of calls of one assembly: u32 batch id, string assembly,
/// i32 count, trace context, then a <see cref="BatchLayout"/> byte: 0 and count × (u32 method id, arguments), or 1, the
/// u32 method id of every call, and count × arguments. A single call is a batch of one.</item>
/// <item><see cref="Close"/> (parent → child): empty; no more calls, exit when the queued ones are answered.</item>
/// <item><see cref="Results"/> (child → parent): u32 batch id, i32 first item, i32 count, then count × (u8 outcome,
/// result or <see cref="RemoteErrorCodec"/> error). A batch is answered in order, in one or more frames, so that a
/// long batch reports as it goes.</item>
/// <item><see cref="Cancel"/> (parent → child): u32 batch id; the child cancels the token of its running call, or
/// answers its calls not yet started as cancelled.</item>
/// <item><see cref="Fatal"/> (child → parent): a string; the child is exiting because the parent broke the protocol.</item>
/// <item><see cref="Progress"/> (child → parent): u32 batch id, i32 item index, then one value the running call reported
/// through its <see cref="IProgress{T}"/> parameter, as its generated serializer writes it. Sent while the item runs,
/// never after its answer.</item>
/// <item><see cref="Log"/> (child → parent): u32 batch id, i32 item index, then one entry the running call logged
/// through its <c>ILogger</c> parameter, as <see cref="LogEntryCodec"/> writes it. Sent while the item runs, never after
/// its answer.</item>
/// </list>
/// </summary>
internal enum FrameKind : byte
{
    Hello = 1,
    Call = 2,
    Close = 3,
    Results = 4,
    Cancel = 5,
    Fatal = 6,
    Progress = 7,
    Log = 8,
}
