namespace Parallelize.Worker;

/// <summary>
/// The buffers a worker copies received batches into. A worker holds few batches at once, so it keeps the few buffers
/// it had rather than renting from <see cref="System.Buffers.ArrayPool{T}.Shared"/>, whose first use costs a fresh
/// process about 1.5 ms, on the way to its first answer.
/// </summary>
internal static class BatchBuffers
{
    /// <summary>Larger buffers (a batch with large inline arguments) go back to the garbage collector.</summary>
    private const int KeptBytes = 1 << 20;

    /// <summary>New buffers are at least this large, so that a worker's batches of tiny calls all reuse one.</summary>
    private const int MinimumBytes = 4096;

    private static readonly byte[]?[] Spare = new byte[]?[4];

    /// <summary>A buffer of at least <paramref name="length"/> bytes, kept or new.</summary>
    public static byte[] Rent(int length)
    {
        lock (Spare)
        {
            for (int i = 0; i < Spare.Length; i++)
            {
                if (Spare[i] is { } buffer && buffer.Length >= length)
                {
                    Spare[i] = null;
                    return buffer;
                }
            }
        }

        return new byte[Math.Max(length, MinimumBytes)];
    }

    /// <summary>Keeps <paramref name="buffer"/> for a later batch if there is room and it is not too large.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length > KeptBytes)
        {
            return;
        }

        lock (Spare)
        {
            for (int i = 0; i < Spare.Length; i++)
            {
                if (Spare[i] is null)
                {
                    Spare[i] = buffer;
                    return;
                }
            }
        }
    }
}
