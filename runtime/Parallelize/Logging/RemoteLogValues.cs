using System.Collections;

namespace Parallelize.Logging;

/// <summary>
/// The state of an entry or a scope a method logged in a child, as the caller's logger receives it: the text the child
/// formatted, which <see cref="ToString"/> returns as the console and most providers print it, and the key/value
/// pairs of the child's structured state (<c>{OriginalFormat}</c> and the template's named values, for a message
/// template), so structured providers see the same properties as in one process.
/// </summary>
internal sealed class RemoteLogValues : IReadOnlyList<KeyValuePair<string, object?>>
{
    public static readonly RemoteLogValues Empty = new(string.Empty, []);

    private readonly KeyValuePair<string, object?>[] _values;

    public RemoteLogValues(string text, KeyValuePair<string, object?>[] values)
    {
        Text = text;
        _values = values;
    }

    /// <summary>The text the child formatted: the message, or a scope's <c>ToString()</c>.</summary>
    public string Text { get; }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Text;
}
