namespace Parallelize;

/// <summary>
/// A <see cref="ProcessBarrier"/> is broken (Python's <c>BrokenBarrierError</c>): a party gave up waiting (timed out
/// or was cancelled), someone called <see cref="ProcessBarrier.Abort"/>, or <see cref="ProcessBarrier.Reset"/> ended
/// the round this party was waiting in. Every waiter of the round gets it, and so does every later arrival until
/// <see cref="ProcessBarrier.Reset"/>.
/// </summary>
public sealed class ProcessBarrierBrokenException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ProcessBarrierBrokenException()
        : base("The ProcessBarrier is broken: a party gave up waiting, or it was aborted or reset.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProcessBarrierBrokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that broke the barrier.</summary>
    public ProcessBarrierBrokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
