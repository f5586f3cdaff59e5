namespace Parallelize.Execution;

internal static class TaskCompletionSourceExtensions
{
    /// <summary>Completes with <paramref name="result"/>, <paramref name="error"/>, or cancellation by <paramref name="token"/>.</summary>
    public static void Publish<T>(this TaskCompletionSource<T> completion, T result, Exception? error, bool cancelled, CancellationToken token)
    {
        if (error is not null)
        {
            completion.TrySetException(error);
        }
        else if (cancelled)
        {
            completion.TrySetCanceled(token);
        }
        else
        {
            completion.TrySetResult(result);
        }
    }
}
