namespace Parallelize;

/// <summary>
/// A put on a closed <see cref="ProcessQueue{T}"/>, or a get on one that is closed and empty: no item will ever come.
/// </summary>
public sealed class ProcessQueueClosedException : InvalidOperationException
{
    /// <summary>Creates the exception with a message.</summary>
    public ProcessQueueClosedException(string message)
        : base(message)
    {
    }
}
