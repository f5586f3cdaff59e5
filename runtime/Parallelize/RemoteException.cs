using System.Text;

namespace Parallelize;

/// <summary>
/// An exception thrown by a method running in a child process (Python's <c>RemoteTraceback</c>). It carries the
/// child's exception type name, message and stack trace; the child's inner exception arrives as
/// <see cref="Exception.InnerException"/>, itself a <see cref="RemoteException"/>.
/// </summary>
public sealed class RemoteException : Exception
{
    /// <summary>Creates the exception from what the child reported.</summary>
    public RemoteException(string remoteType, string message, string? remoteStackTrace, RemoteException? innerException = null)
        : base(message, innerException)
    {
        RemoteType = remoteType;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full name of the exception's type in the child, such as <c>System.InvalidOperationException</c>.</summary>
    public string RemoteType { get; }

    /// <summary>The stack trace in the child, or null if the child had none.</summary>
    public string? RemoteStackTrace { get; }

    /// <summary>The child process's id, when known.</summary>
    public int? RemotePid { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(RemoteType).Append(" (in child process");
        if (RemotePid is int pid)
        {
            text.Append(' ').Append(pid);
        }

        text.Append("): ").Append(Message);
        if (InnerException is not null)
        {
            text.AppendLine().Append(" ---> ").Append(InnerException).AppendLine().Append("   --- End of inner exception stack trace ---");
        }

        if (!string.IsNullOrEmpty(RemoteStackTrace))
        {
            text.AppendLine().Append(RemoteStackTrace);
        }

        if (StackTrace is string local)
        {
            text.AppendLine().Append("   --- End of child process stack trace ---").AppendLine().Append(local);
        }

        return text.ToString();
    }
}
