using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Parallelize.Protocol;
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

    /// <summary>Arguments and results whose wire form is their memory (<see cref="RemoteMethod{TArgs, TResult}.CopiesArguments"/>).</summary>
    private readonly bool _copiesArguments;
    private readonly bool _copiesResults;

    public MethodMapJob(TArgs[] items, RemoteMethod<TArgs, TResult> method, MapOptions options, bool streaming, CancellationToken cancellationToken)
        : base(items.Length, method.ObservesCancellation, options, streaming, cancellationToken)
    {
        _items = items;
        _method = method;
        _copiesArguments = method.CopiesArguments;
        _copiesResults = method.CopiesResults;
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
        if (_copiesArguments)
        {
            // The arguments as one block: what the per-item writer would have written, in one copy.
            frames.WriteRaw(MemoryMarshal.CreateReadOnlySpan(
                ref Unsafe.As<TArgs, byte>(ref _items[first]), checked(count * Unsafe.SizeOf<TArgs>())));
            return;
        }

        TArgs[] items = _items;
        for (int i = first; i < first + count; i++)
        {
            _method.WriteArgumentsTo(frames, items[i]);
        }
    }

    public override void Complete(int index, ref WireReader result) => Results[index] = _method.ReadResultFrom(ref result);

    public override void CompleteReturned(int first, int count, ref int settled, ref WireReader results)
    {
        TResult[] values = Results;
        if (_copiesResults)
        {
            settled += results.ReadRawRecords((byte)CallOutcome.Returned, values.AsSpan(first + settled, count - settled));
        }

        while (settled < count && results.TrySkip((byte)CallOutcome.Returned))
        {
            values[first + settled] = _copiesResults ? results.ReadRawValue<TResult>() : _method.ReadResultFrom(ref results);
            settled++;
        }
    }
}
