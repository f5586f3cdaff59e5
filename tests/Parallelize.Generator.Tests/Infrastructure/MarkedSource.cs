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

    /// <summary>A snippet marking one or more spans: the plain source and the spans, in source order.</summary>
    public static (string Source, IReadOnlyList<TextSpan> Spans) ParseAll(string marked)
    {
        var spans = new List<TextSpan>();
        var source = marked;
        while (source.Contains(Open, StringComparison.Ordinal))
        {
            var start = source.IndexOf(Open, StringComparison.Ordinal);
            var end = source.IndexOf(Close, start + Open.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new ArgumentException("The snippet has a [| marker without |] after it.", nameof(marked));
            }

            if (source.IndexOf(Open, start + Open.Length, end - start - Open.Length, StringComparison.Ordinal) >= 0)
            {
                throw new ArgumentException("The snippet nests [| markers.", nameof(marked));
            }

            source = source.Remove(end, Close.Length).Remove(start, Open.Length);
            spans.Add(TextSpan.FromBounds(start, end - Open.Length));
        }

        if (spans.Count == 0 || source.Contains(Close, StringComparison.Ordinal))
        {
            throw new ArgumentException("The snippet has no [| marker, or a |] without one.", nameof(marked));
        }

        return (source, spans);
    }
}
