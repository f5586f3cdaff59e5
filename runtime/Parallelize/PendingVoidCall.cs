using Parallelize.Serialization;

namespace Parallelize;

internal sealed class PendingVoidCall : PendingCall
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingVoidCall(Call call)
        : base(call)
    {
    }

    public override Task Task => _completion.Task;

    public override void Complete(ReadOnlySpan<byte> payload)
    {
        if (!payload.IsEmpty)
        {
            _completion.TrySetException(new ProtocolException(
                $"'{Call.MethodName}' returns nothing, but the child sent {payload.Length} result byte(s)."));
            return;
        }

        _completion.TrySetResult();
    }

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
