namespace Parallelize;

/// <summary>
/// The bytes exchanged with a child process broke the protocol: a corrupt, truncated or oversize frame, an
/// unknown method, or a child built from different code than the parent.
/// </summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that revealed the problem.</summary>
    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
