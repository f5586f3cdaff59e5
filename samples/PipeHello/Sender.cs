using Parallelize;

namespace PipeHello;

/// <summary>Python's <c>f</c>.</summary>
public static partial class Sender
{
    /// <summary>
    /// Runs in the child, which becomes the holder of <paramref name="conn"/>: closing it here ends the stream for the
    /// parent's end once the parent has received what was sent.
    /// </summary>
    [RunInProcess]
    public static void F(ProcessPipe<(int, int?, string)> conn)
    {
        conn.Send((42, null, "hello"));
        conn.Close();
    }
}
