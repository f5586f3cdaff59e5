using Parallelize.Serialization;

namespace Parallelize;

internal sealed class PendingCall<TResult> : PendingCall
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingCall(Call<TResult> call)
        : base(call)
    {
    }

    public override Task<TResult> Task => _completion.Task;

    public override void Complete(ReadOnlySpan<byte> payload)
    {
        TResult result;
        try
        {
            var reader = new WireReader(payload);
            result = ((Call<TResult>)Call).ReadResultFrom(ref reader);
            reader.EnsureEnd();
        }
        catch (ProtocolException e)
        {
            _completion.TrySetException(e);
            return;
        }

        _completion.TrySetResult(result);
    }

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
