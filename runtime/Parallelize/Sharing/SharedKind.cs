namespace Parallelize.Sharing;

/// <summary>
/// What a block of a shared segment holds. A handle names a block; attaching checks this tag at the block, so a handle
/// read as the wrong type is refused instead of misread. Values are part of the layout: never renumber.
/// </summary>
internal enum SharedKind : uint
{
    Lock = 0x4B43_4F4C,        // "LOCK"
    RLock = 0x4B43_4C52,       // "RLCK"
    Semaphore = 0x414D_4553,   // "SEMA"
    Event = 0x544E_5645,       // "EVNT"
    Condition = 0x444E_4F43,   // "COND"
    Barrier = 0x5252_4142,     // "BARR"
    Value = 0x4C41_5642,       // "BVAL"
    Array = 0x5952_5241,       // "ARRY"
    Queue = 0x5545_5551,       // "QUEU"
    Pipe = 0x4550_4950,        // "PIPE"
    BoundedSemaphore = 0x4D45_5342, // "BSEM"
}
