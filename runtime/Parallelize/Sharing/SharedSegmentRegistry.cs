namespace Parallelize.Sharing;

/// <summary>
/// The segments mapped in this process, by token, so a handle that arrives again (a pool worker gets the same queue in
/// every call) reuses the mapping instead of adding one per call. It also keeps each segment's reference count, so a
/// lookup can never hand out a segment that a concurrent last release is unmapping. Weak: a segment whose objects were
/// dropped without Dispose still reaches its finalizer.
/// </summary>
internal static class SharedSegmentRegistry
{
    private static readonly Dictionary<Guid, WeakReference<SharedSegment>> Segments = new();

    /// <summary>Registers a segment this process created, with one reference for its creator.</summary>
    public static void AddReferenced(SharedSegment segment)
    {
        lock (Segments)
        {
            segment.References = 1;
            Segments[segment.Token] = new WeakReference<SharedSegment>(segment);
        }
    }

    /// <summary>Registers a segment just mapped from a handle, with one reference for the reader, unless another thread
    /// mapped the same token first: then that one gets the reference and this mapping is undone.</summary>
    public static SharedSegment AddReferencedOrGet(SharedSegment segment)
    {
        lock (Segments)
        {
            if (Segments.TryGetValue(segment.Token, out var weak) && weak.TryGetTarget(out var mapped))
            {
                mapped.References++;
                segment.Unmap();
                GC.SuppressFinalize(segment);
                return mapped;
            }

            segment.References = 1;
            Segments[segment.Token] = new WeakReference<SharedSegment>(segment);
            return segment;
        }
    }

    /// <summary>The mapping of <paramref name="token"/> in this process with one more reference, or null.</summary>
    public static SharedSegment? FindAndReference(Guid token)
    {
        lock (Segments)
        {
            if (Segments.TryGetValue(token, out var weak) && weak.TryGetTarget(out var segment))
            {
                segment.References++;
                return segment;
            }

            return null;
        }
    }

    public static void AddReference(SharedSegment segment)
    {
        lock (Segments)
        {
            ObjectDisposedException.ThrowIf(segment.References == 0, segment);
            segment.References++;
        }
    }

    public static void Release(SharedSegment segment)
    {
        lock (Segments)
        {
            if (segment.References == 0 || --segment.References > 0)
            {
                return;
            }

            if (Segments.TryGetValue(segment.Token, out var weak) && (!weak.TryGetTarget(out var current) || current == segment))
            {
                Segments.Remove(segment.Token);
            }

            segment.Unmap();
            GC.SuppressFinalize(segment);
        }
    }
}
