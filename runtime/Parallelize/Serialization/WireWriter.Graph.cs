namespace Parallelize.Serialization;

public sealed partial class WireWriter
{
    /// <summary>
    /// How many objects deep a value may nest. The wire carries values, not references, so a cycle would never end;
    /// the limit turns it (and a graph too deep for the reader's stack) into a clear error.
    /// </summary>
    public const int MaxDepth = 1000;

    private object?[] _path = new object?[16];
    private int _depth;

    /// <summary>
    /// Starts an object: writes its null marker and, when it is not null, enters it. Generated serializers call
    /// <see cref="Exit"/> after its members.
    /// </summary>
    /// <returns>False for null: nothing more to write.</returns>
    /// <exception cref="WireSerializationException">The object is nested deeper than <see cref="MaxDepth"/>, or it
    /// contains itself.</exception>
    public bool TryEnter(object? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return false;
        }

        WriteByte(1);
        if (_depth == _path.Length)
        {
            Grow(value);
        }

        _path[_depth++] = value;
        return true;
    }

    /// <summary>Leaves the object <see cref="TryEnter"/> entered last.</summary>
    public void Exit() => _path[--_depth] = null;

    /// <summary>Forgets the objects being written, after a write failed part-way.</summary>
    private void ForgetGraph()
    {
        Array.Clear(_path, 0, _depth);
        _depth = 0;
    }

    private void Grow(object value)
    {
        if (_depth >= MaxDepth)
        {
            // Only now look for the cycle: the common case pays one store per object.
            bool cycle = Array.IndexOf(_path, value, 0, _depth) >= 0;
            string type = value.GetType().FullName ?? value.GetType().Name;
            ForgetGraph();
            throw new WireSerializationException(cycle
                ? $"An object of type {type} contains itself: the graph has a cycle, and a child process receives copies, not references."
                : $"Objects nest more than {MaxDepth} deep (at an object of type {type}).");
        }

        Array.Resize(ref _path, Math.Min(_path.Length * 2, MaxDepth));
    }
}
