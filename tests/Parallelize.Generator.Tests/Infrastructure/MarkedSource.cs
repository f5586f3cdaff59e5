using Microsoft.CodeAnalysis.Text;

namespace Parallelize.Generator.Tests.Infrastructure;

/// <summary>
/// A snippet with one expected diagnostic span marked as <c>[|...|]</c> (the Roslyn test convention), split into the
/// plain source to compile and the span the marker enclosed.
/// </summary>
internal sealed record MarkedSource(string Source, TextSpan Span)
{
    private const string Open = "[|";
    private const string Close = "|]";

    public static MarkedSource Parse(string marked)
    {
        var start = marked.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new ArgumentException("The snippet has no [| marker.", nameof(marked));
        }

        var end = marked.IndexOf(Close, start + Open.Length, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new ArgumentException("The snippet has no |] marker after [|.", nameof(marked));
        }

        var source = marked.Remove(end, Close.Length).Remove(start, Open.Length);
        if (source.Contains(Open, StringComparison.Ordinal) || source.Contains(Close, StringComparison.Ordinal))
        {
            throw new ArgumentException("The snippet marks more than one span.", nameof(marked));
        }

        return new MarkedSource(source, TextSpan.FromBounds(start, end - Open.Length));
    }
}
