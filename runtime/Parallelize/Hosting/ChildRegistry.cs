namespace Parallelize.Hosting;

/// <summary>
/// The children this process has started and not yet reaped, behind <see cref="ProcessContext.ActiveChildren"/>. A
/// <see cref="ChildProcessHandle"/> adds itself when it is made, right after the spawn, and removes itself when it
/// records the exit status, which every path that learns of the exit goes through; nothing polls.
/// </summary>
internal static class ChildRegistry
{
    /// <summary>In start order; a handful of entries, so removing from the list costs nothing worth a better structure.</summary>
    private static readonly List<ChildProcessHandle> Children = [];

    public static void Add(ChildProcessHandle child)
    {
        lock (Children)
        {
            Children.Add(child);
        }
    }

    public static void Remove(ChildProcessHandle child)
    {
        lock (Children)
        {
            Children.Remove(child);
        }
    }

    /// <summary>The children still running, in the order they started.</summary>
    public static ActiveChild[] Running()
    {
        ChildProcessHandle[] children;
        lock (Children)
        {
            children = [.. Children];
        }

        // A child that has exited but whose reader has not yet reaped it is not running: checking reaps it now, as
        // Python's active_children() joins finished children. Outside the registry's lock, which reaping takes.
        var running = new List<ActiveChild>(children.Length);
        foreach (ChildProcessHandle child in children)
        {
            if (child.Status is null)
            {
                running.Add(child.Description);
            }
        }

        return [.. running];
    }
}
