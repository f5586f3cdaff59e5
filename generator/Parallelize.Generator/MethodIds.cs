using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Parallelize.Generator.Helpers;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    /// <summary>Makes method ids unique within an assembly, the same way in every build.</summary>
    internal static class MethodIds
    {
        /// <summary>
        /// Sorts by signature and moves a colliding id to the next free value; the parser's id is the FNV-1a of the
        /// signature, so only an actual hash collision changes anything.
        /// </summary>
        public static EquatableArray<MethodSpec> Resolve(ImmutableArray<MethodSpec> methods)
        {
            var taken = new HashSet<uint>();
            var resolved = new List<MethodSpec>(methods.Length);
            foreach (MethodSpec method in methods.OrderBy(static m => m.Signature, System.StringComparer.Ordinal))
            {
                uint id = method.Id;
                while (!taken.Add(id))
                {
                    id = unchecked(id + 1);
                }

                resolved.Add(id == method.Id ? method : method with { Id = id });
            }

            return new EquatableArray<MethodSpec>(resolved);
        }
    }
}
