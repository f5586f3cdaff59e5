namespace Parallelize.Serialization;

public ref partial struct WireReader
{
    /// <summary>
    /// Starts an object written by <see cref="WireWriter.TryEnter(object?)"/>: reads its null marker and, when it is
    /// not null, enters it. Generated serializers call <see cref="Exit"/> after its members.
    /// </summary>
    /// <returns>False for null.</returns>
    /// <exception cref="ProtocolException">The marker is not 0 or 1, or objects nest deeper than
    /// <see cref="WireWriter.MaxDepth"/> (a writer never sends that; the reader's stack is at stake).</exception>
    public bool TryEnter()
    {
        if (!ReadBoolean())
        {
            return false;
        }

        if (++_depth > WireWriter.MaxDepth)
        {
            throw new ProtocolException($"Objects nest more than {WireWriter.MaxDepth} deep.");
        }

        return true;
    }

    /// <summary>Leaves the object <see cref="TryEnter"/> entered last.</summary>
    public void Exit() => _depth--;
}
