using System.ComponentModel;
using Parallelize.Serialization;

namespace Parallelize.Dispatch;

/// <summary>Helpers generated dispatch code uses to write the result of an asynchronous method once it completes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DispatchResults
{
    /// <summary>Writes the task's result when it completes.</summary>
    public static ValueTask WriteWhenDone<T>(Task<T> task, WireWriter result, WireWriter.ItemWriter<T> write)
    {
        if (task.IsCompletedSuccessfully)
        {
            write(result, task.Result);
            return default;
        }

        return Await(task, result, write);

        static async ValueTask Await(Task<T> task, WireWriter result, WireWriter.ItemWriter<T> write) =>
            write(result, await task.ConfigureAwait(false));
    }

    /// <summary>Writes the value task's result when it completes.</summary>
    public static ValueTask WriteWhenDone<T>(ValueTask<T> task, WireWriter result, WireWriter.ItemWriter<T> write)
    {
        if (task.IsCompletedSuccessfully)
        {
            write(result, task.Result);
            return default;
        }

        return Await(task, result, write);

        static async ValueTask Await(ValueTask<T> task, WireWriter result, WireWriter.ItemWriter<T> write) =>
            write(result, await task.ConfigureAwait(false));
    }
}
