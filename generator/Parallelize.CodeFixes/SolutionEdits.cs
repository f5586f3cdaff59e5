using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Parallelize.CodeFixes
{
    /// <summary>Rewrites declarations wherever they live in a solution, one document at a time.</summary>
    internal static class SolutionEdits
    {
        /// <summary>
        /// Replaces each declaration with <paramref name="rewrite"/>'s result. Nested declarations may both be listed:
        /// an outer one is rewritten with its inner ones already rewritten.
        /// </summary>
        public static async Task<Solution> RewriteAsync<TNode>(
            Solution solution, IEnumerable<SyntaxReference> declarations, Func<TNode, TNode> rewrite,
            CancellationToken cancellationToken)
            where TNode : SyntaxNode
        {
            foreach (IGrouping<SyntaxTree, SyntaxReference> inTree in declarations.GroupBy(r => r.SyntaxTree))
            {
                // Generated files are regenerated, not edited; the generator's own reopened types are partial anyway.
                Document? document = solution.GetDocument(inTree.Key);
                if (document is null || document is SourceGeneratedDocument)
                {
                    continue;
                }

                SyntaxNode root = await inTree.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
                TNode[] nodes = inTree.Select(r => r.GetSyntax(cancellationToken)).OfType<TNode>().Distinct().ToArray();
                SyntaxNode newRoot = root.ReplaceNodes(nodes, (_, rewritten) => rewrite(rewritten));
                solution = solution.WithDocumentSyntaxRoot(document.Id, newRoot);
            }

            return solution;
        }
    }
}
