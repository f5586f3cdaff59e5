using Parallelize.Execution;
using Parallelize.Serialization;

namespace Parallelize.Tests.Wire.Fuzz;

/// <summary>
/// A job of given calls, possibly of different methods: <see cref="Hosting.SliceWriter"/> writes them with their
/// generated argument writers (calls of one method in the batch layout that names it once, as a pool's maps do), and answers are read with their generated result readers, then dropped. Outcomes are
/// only counted, so decoding many frames keeps nothing alive.
/// </summary>
internal sealed class CallsJob : WorkJob
{
    private readonly Call[] _calls;

    public CallsJob(Call[] calls)
        : base(calls.Length, observesCancellation: false, CancellationToken.None)
    {
        _calls = calls;
    }

    public int Completed { get; private set; }

    /// <summary>The errors items failed with, in the order they were settled.</summary>
    public List<Exception> Failures { get; } = [];

    public override Task Completion => Task.CompletedTask;

    public override int Prepare(int first, int count) => count;

    public override string AssemblyName(int index) => _calls[index].AssemblyName;

    public override string MethodName(int index) => _calls[index].MethodName;

    public override void WriteItems(WireWriter frames, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            _calls[i].WriteTo(frames);
        }
    }

    public override uint? SharedMethodId(int first, int count) =>
        _calls.Skip(first).Take(count).Select(static c => c.MethodId).Distinct().Count() == 1 ? _calls[first].MethodId : null;

    public override void WriteArguments(WireWriter frames, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            _calls[i].WriteArgumentsTo(frames);
        }
    }

    public override void Complete(int index, ref WireReader result)
    {
        // For a Call<T>, the generated ReadResult; for a void call, nothing.
        _calls[index].SkipResultFrom(ref result);
        Completed++;
    }

    public override void Fail(int index, Exception error) => Failures.Add(error);

    protected override Call? ReportingCall(int index) => _calls[index];

    protected override void OnAllSettled()
    {
    }

    protected override void Publish(Exception? error, bool cancelled)
    {
    }
}
