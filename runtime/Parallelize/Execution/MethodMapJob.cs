using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>
/// A map of one <see cref="RemoteMethod{TArgs, TResult}"/> over its arguments: each item is written straight from the
/// input array and each result read straight into the result array, with no call object in between.
/// </summary>
internal sealed class MethodMapJob<TArgs, TResult> : MapJob<TResult>
{
    private readonly TArgs[] _items;
    private readonly RemoteMethod<TArgs, TResult> _method;

    public MethodMapJob(TArgs[] items, RemoteMethod<TArgs, TResult> method, MapOptions options, bool streaming, CancellationToken cancellationToken)
        : base(items.Length, method.ObservesCancellation, options, streaming, cancellationToken)
    {
        _items = items;
        _method = method;
    }

    public override int Prepare(int first, int count) => count;

    public override string AssemblyName(int index) => _method.AssemblyName;

    public override string MethodName(int index) => _method.MethodName;

    public override void WriteItems(WireWriter frames, int first, int count)
    {
        uint methodId = _method.MethodId;
        TArgs[] items = _items;
        for (int i = first; i < first + count; i++)
        {
            frames.WriteUInt32(methodId);
            _method.WriteArgumentsTo(frames, items[i]);
        }
    }

    public override uint? SharedMethodId(int first, int count) => _method.MethodId;

    public override void WriteArguments(WireWriter frames, int first, int count)
    {
        TArgs[] items = _items;
        for (int i = first; i < first + count; i++)
        {
            _method.WriteArgumentsTo(frames, items[i]);
        }
    }

    public override void Complete(int index, ref WireReader result) => Results[index] = _method.ReadResultFrom(ref result);
}
