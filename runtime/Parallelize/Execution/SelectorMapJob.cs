using Parallelize.Serialization;

namespace Parallelize.Execution;

/// <summary>A map whose selector makes each item's <see cref="Call{TResult}"/>, as workers need them.</summary>
internal sealed class SelectorMapJob<TItem, TResult> : MapJob<TResult>
{
    private readonly TItem[] _items;
    private readonly Func<TItem, Call<TResult>> _selector;

    /// <summary>The calls made and not yet answered; a returned one is dropped so a long map does not hold them all.</summary>
    /// <remarks>
    /// Slots, not a <c>Call&lt;TResult&gt;[]</c>: every store into an array of a class that is not sealed checks the
    /// element's type (array covariance), and with generated call types deriving from it that check walked their
    /// hierarchy, 8% of a selector map of 2,000,000 tiny calls.
    /// </remarks>
    private readonly CallSlot[] _calls;

    public SelectorMapJob(TItem[] items, Func<TItem, Call<TResult>> selector, MapOptions options, bool streaming, CancellationToken cancellationToken)
        : base(items.Length, observesCancellation: false, options, streaming, cancellationToken)
    {
        _items = items;
        _selector = selector;
        _calls = new CallSlot[items.Length];
    }

    public override int Prepare(int first, int count)
    {
        string assembly = CallAt(first).AssemblyName;
        for (int i = 1; i < count; i++)
        {
            if (!string.Equals(CallAt(first + i).AssemblyName, assembly, StringComparison.Ordinal))
            {
                // A batch names one assembly; this item starts the next one.
                return i;
            }
        }

        return count;
    }

    public override string AssemblyName(int index) => Prepared(index).AssemblyName;

    public override string MethodName(int index) => Prepared(index).MethodName;

    public override void WriteItems(WireWriter frames, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            Prepared(i).WriteTo(frames);
        }
    }

    public override uint? SharedMethodId(int first, int count)
    {
        uint methodId = Prepared(first).MethodId;
        for (int i = first + 1; i < first + count; i++)
        {
            if (Prepared(i).MethodId != methodId)
            {
                return null;
            }
        }

        return methodId;
    }

    public override void WriteArguments(WireWriter frames, int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            Prepared(i).WriteArgumentsTo(frames);
        }
    }

    public override void Complete(int index, ref WireReader result)
    {
        Results[index] = Prepared(index).ReadResultFrom(ref result);
        _calls[index].Call = null;
    }

    /// <summary>The item's call: the connection passes on only reports of items not yet answered, whose calls are still held.</summary>
    protected override Call? ReportingCall(int index) => _calls[index].Call;

    private Call<TResult> CallAt(int index) =>
        _calls[index].Call ??= _selector(_items[index]) ?? throw new InvalidOperationException($"The map's selector returned null for item {index}.");

    private Call<TResult> Prepared(int index) =>
        _calls[index].Call ?? throw new InvalidOperationException($"Item {index} of the map was not prepared or is already answered.");

    private struct CallSlot
    {
        public Call<TResult>? Call;
    }
}
