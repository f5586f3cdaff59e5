using Parallelize.Serialization;

namespace Parallelize;

/// <summary>The caller's side of a call sent to a child: completed by the child's answer or failed by its death.</summary>
internal abstract class PendingCall
{
    protected PendingCall(Call call) => Call = call;

    public Call Call { get; }

    public abstract Task Task { get; }

    /// <summary>Decodes the child's result; a payload that does not decode fails the call with a protocol error.</summary>
    public abstract void Complete(ReadOnlySpan<byte> payload);

    public abstract void Fail(Exception error);
}
