using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Parallelize.CodeFixes
{
    /// <summary>Adds one modifier keyword to a declaration, leaving the rest of its text exactly as it was.</summary>
    internal static class ModifierInsertion
    {
        /// <summary>
        /// Inserts <paramref name="keyword"/> into the modifiers of <paramref name="member"/> at <paramref name="index"/>,
        /// in front of <paramref name="next"/>: the modifier now at that index, or the first token after the modifiers.
        /// </summary>
        public static TMember Insert<TMember>(TMember member, int index, SyntaxToken next, SyntaxKind keyword)
            where TMember : MemberDeclarationSyntax
        {
            // The keyword takes over the leading trivia of the token it now precedes (the indentation, or a doc comment
            // when no attribute or modifier came first) and is followed by one space: the line reads as before with one
            // word added. An exact space rather than an elastic one, so no formatter pass is needed or run.
            SyntaxToken token = SyntaxFactory.Token(next.LeadingTrivia, keyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            TMember stripped = member.ReplaceToken(next, next.WithLeadingTrivia());
            return (TMember)stripped.WithModifiers(stripped.Modifiers.Insert(index, token));
        }
    }
}
