namespace Parallelize;

/// <summary>Creates connected pipe ends (Python's <c>multiprocessing.Pipe()</c>).</summary>
public static class ProcessPipe
{
    /// <summary>
    /// Creates a duplex pipe: what one end sends, the other receives, in order, in both directions. Keep one end and pass
    /// the other to a <c>[RunInProcess]</c> method; <c>var (parentEnd, childEnd) = ProcessPipe.Create&lt;string&gt;();</c>
    /// </summary>
    /// <typeparam name="T">The message type: anything a <c>[RunInProcess]</c> parameter can be.</typeparam>
    /// <param name="bufferBytes">The shared buffer of each direction, rounded up to a power of two (at least 4 KiB); a
    /// message must fit in it.</param>
    public static (ProcessPipe<T> First, ProcessPipe<T> Second) Create<T>(long bufferBytes = ProcessPipe<T>.DefaultBufferBytes) =>
        ProcessPipe<T>.CreatePair(bufferBytes);
}
