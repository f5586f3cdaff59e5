using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Parallelize.Generator.Analysis
{
    /// <summary>
    /// How an object is taken apart and rebuilt: its carried members and the constructor that restores the ones no
    /// setter can. Symbols stay here; the classifier turns the result into model values.
    /// </summary>
    internal sealed class ObjectLayout
    {
        public const string NoConstructorReason =
            "has no usable constructor: give it a public parameterless constructor, or a public one whose parameters all " +
            "match public properties or fields by name and type";

        private ObjectLayout(IReadOnlyList<ISymbol> members, IReadOnlyList<int> constructorIndexes)
        {
            Members = members;
            ConstructorIndexes = constructorIndexes;
        }

        /// <summary>The carried members (properties and fields), base types' first, each in declaration order.</summary>
        public IReadOnlyList<ISymbol> Members { get; }

        /// <summary>For each member, the constructor parameter that restores it, or -1 for an initializer assignment.</summary>
        public IReadOnlyList<int> ConstructorIndexes { get; }

        /// <summary>The layout of <paramref name="type"/>, or null when no public constructor can rebuild it.</summary>
        public static ObjectLayout? Of(INamedTypeSymbol type)
        {
            List<ISymbol> candidates = Candidates(type);
            IMethodSymbol? constructor = ChooseConstructor(type, candidates);
            if (constructor is null)
            {
                return null;
            }

            var members = new List<ISymbol>();
            var indexes = new List<int>();
            foreach (ISymbol candidate in candidates)
            {
                int index = ParameterIndex(constructor, candidate);
                if (index >= 0 || IsSettable(candidate))
                {
                    members.Add(candidate);
                    indexes.Add(index);
                }
            }

            return new ObjectLayout(members, indexes);
        }

        /// <summary>The type a property or field holds.</summary>
        public static ITypeSymbol TypeOf(ISymbol member) =>
            member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;

        /// <summary>
        /// Public instance properties with a public getter and public fields, the most derived declaration of each
        /// name; base types' members first, so the wire order follows the type's own story.
        /// </summary>
        private static List<ISymbol> Candidates(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? t = type; t is not null && t.SpecialType != SpecialType.System_Object &&
                 t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
            {
                chain.Add(t);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var perType = new List<List<ISymbol>>();
            foreach (INamedTypeSymbol t in chain)
            {
                var own = new List<ISymbol>();
                foreach (ISymbol member in t.GetMembers())
                {
                    if (IsCandidate(member) && seen.Add(member.Name))
                    {
                        own.Add(member);
                    }
                }

                perType.Add(own);
            }

            perType.Reverse();
            return perType.SelectMany(static m => m).ToList();
        }

        private static bool IsCandidate(ISymbol member)
        {
            if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }

            return member switch
            {
                IPropertySymbol property => !property.IsIndexer && property.RefKind == RefKind.None &&
                    property.GetMethod is { DeclaredAccessibility: Accessibility.Public },
                IFieldSymbol field => !field.IsConst,
                _ => false,
            };
        }

        private static bool IsSettable(ISymbol member) => member switch
        {
            IPropertySymbol property => property.SetMethod is { DeclaredAccessibility: Accessibility.Public },
            IFieldSymbol field => !field.IsReadOnly,
            _ => false,
        };

        /// <summary>
        /// The public constructor with the most parameters that all match members (a record's primary constructor, a
        /// class's parameterless one, a struct's implicit one); the first in declaration order on a tie.
        /// </summary>
        private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, List<ISymbol> candidates)
        {
            IMethodSymbol? best = null;
            foreach (IMethodSymbol constructor in type.InstanceConstructors)
            {
                if (constructor.DeclaredAccessibility != Accessibility.Public || IsCopyConstructor(type, constructor) ||
                    (best is not null && constructor.Parameters.Length <= best.Parameters.Length))
                {
                    continue;
                }

                if (constructor.Parameters.All(p => p.RefKind == RefKind.None && candidates.Any(m => Matches(p, m))))
                {
                    best = constructor;
                }
            }

            return best;
        }

        private static int ParameterIndex(IMethodSymbol constructor, ISymbol member)
        {
            for (int i = 0; i < constructor.Parameters.Length; i++)
            {
                if (Matches(constructor.Parameters[i], member))
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
            constructor.Parameters.Length == 1 &&
            SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

        private static bool Matches(IParameterSymbol parameter, ISymbol member) =>
            string.Equals(parameter.Name, member.Name, StringComparison.OrdinalIgnoreCase) &&
            SymbolEqualityComparer.Default.Equals(parameter.Type, TypeOf(member));
    }
}
