using Parallelize;

namespace QueueHello;

/// <summary>Python's <c>f</c>.</summary>
public static partial class Sender
{
    /// <summary>Runs in the child: the queue arrives as a handle to the same shared memory the parent reads.</summary>
    [RunInProcess]
    public static void F(ProcessQueue<Message> q) => q.Put(new Message(42, null, "hello"));
}
