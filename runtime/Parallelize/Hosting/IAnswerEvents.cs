using Parallelize.Execution;

namespace Parallelize.Hosting;

/// <summary>What an <see cref="AnswerReader"/> reports while it decodes a worker's frames, on the thread that reads them.</summary>
internal interface IAnswerEvents
{
    /// <summary>The worker's hello was accepted: it speaks this protocol and runs this build.</summary>
    void OnHello();

    /// <summary>The error a failed call reports to its caller: <paramref name="error"/>, or a clearer one.</summary>
    Exception TranslateError(string methodName, Exception error);

    /// <summary>Items <paramref name="first"/> (slice-relative) to <paramref name="first"/> + <paramref name="count"/> of
    /// <paramref name="slice"/> were answered and settled.</summary>
    void OnAnswered(WorkSlice slice, int first, int count);
}
