namespace Parallelize.Protocol;

/// <summary>The first byte of each item in a <see cref="FrameKind.Results"/> frame.</summary>
internal enum CallOutcome : byte
{
    /// <summary>The method returned; its result follows.</summary>
    Returned = 0,

    /// <summary>The method threw; an error follows.</summary>
    Threw = 1,

    /// <summary>The call was cancelled before it started; nothing follows.</summary>
    Cancelled = 2,
}
