namespace Parallelize.Protocol;

/// <summary>A received frame; its body is valid until the next read from the same <see cref="FrameReader"/>.</summary>
internal readonly ref struct Frame
{
    public Frame(FrameKind kind, ReadOnlySpan<byte> body)
    {
        Kind = kind;
        Body = body;
    }

    public FrameKind Kind { get; }

    public ReadOnlySpan<byte> Body { get; }
}
