namespace QueueHello;

/// <summary>
/// Python's list <c>[42, None, 'hello']</c> as a type that can cross: a record, whose nullable member carries the
/// <c>None</c>. It prints the way Python prints the list.
/// </summary>
public sealed record Message(int Number, int? Nothing, string Text)
{
    /// <inheritdoc/>
    public override string ToString() => $"[{Number}, {Nothing?.ToString() ?? "None"}, '{Text}']";
}
