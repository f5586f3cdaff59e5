namespace Parallelize.Worker;

/// <summary>The untyped part of a <see cref="LiveProgress{T}"/>: whether its call has ended.</summary>
internal abstract class LiveProgress
{
    private volatile bool _closed;

    /// <summary>True once the call has ended; read and set under the channel's output lock.</summary>
    public bool IsClosed => _closed;

    public void Close() => _closed = true;
}
