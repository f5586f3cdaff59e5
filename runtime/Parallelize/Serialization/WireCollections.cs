using System.ComponentModel;

namespace Parallelize.Serialization;

/// <summary>
/// Helpers generated readers use to fill dictionaries and sets, so that bytes no writer produces (a null key, a
/// duplicate) give <see cref="ProtocolException"/> instead of the collection's own exception.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WireCollections
{
    /// <summary>Adds an entry read from the wire.</summary>
    public static void AddEntry<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key, TValue value)
        where TKey : notnull
    {
        if (key is null)
        {
            throw new ProtocolException("A dictionary key is null.");
        }

        if (!dictionary.TryAdd(key, value))
        {
            throw new ProtocolException($"A dictionary holds the key '{key}' twice.");
        }
    }

    /// <summary>Adds an item read from the wire.</summary>
    public static void AddItem<T>(HashSet<T> set, T item)
    {
        if (!set.Add(item))
        {
            throw new ProtocolException($"A set holds the item '{item}' twice.");
        }
    }
}
