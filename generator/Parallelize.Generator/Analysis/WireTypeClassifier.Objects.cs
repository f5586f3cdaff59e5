using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Parallelize.Generator.Model;

namespace Parallelize.Generator.Analysis
{
    internal sealed partial class WireTypeClassifier
    {
        /// <summary>The user's records, classes, structs and interfaces, from this assembly or a referenced one.</summary>
        private WireTypeSpec? VisitUserType(INamedTypeSymbol type, string path, bool atRoot, string typeName, string canonical)
        {
            if (!Known.Compilation.IsSymbolAccessibleWithin(type, Known.Compilation.Assembly))
            {
                return Fail(path, atRoot, WireTypes.InaccessibleReason);
            }

            List<ITypeSymbol> derived = DerivedTypes(type);
            if (type.TypeKind == TypeKind.Interface || type.IsAbstract)
            {
                return derived.Count == 0
                    ? Fail(path, atRoot, type.TypeKind == TypeKind.Interface ? WireTypes.InterfaceReason : WireTypes.AbstractReason)
                    : VisitUnion(type, derived, path, atRoot, typeName, canonical);
            }

            if (derived.Count > 0)
            {
                return Fail(path, atRoot, WireTypes.ConcreteBaseReason);
            }

            if (type.TypeKind == TypeKind.Struct && type.IsUnmanagedType)
            {
                // Copied as bytes; an address inside would mean nothing in the other process.
                return PointerField(type, path.Length == 0 ? type.Name : path) is { } pointer
                    ? Fail(pointer, atRoot: false, WireTypes.PointerReason)
                    : WireTypeSpec.Of(WireKind.UnmanagedValue, typeName, canonicalName: canonical);
            }

            if (type.AllInterfaces.Any(static i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_IEnumerable))
            {
                return Fail(path, atRoot, WireTypes.UnknownCollectionReason);
            }

            return VisitObject(type, path, atRoot, typeName, canonical);
        }

        /// <summary>A type taken apart into its members and rebuilt through a constructor and an initializer.</summary>
        private WireTypeSpec? VisitObject(INamedTypeSymbol type, string path, bool atRoot, string typeName, string canonical)
        {
            bool isReference = type.IsReferenceType;
            HashSet<ITypeSymbol> inProgress = _inProgress[(int)_use];
            if (inProgress.Contains(type))
            {
                // A recursive type: its pair is being described; refer to it by name.
                return WireTypeSpec.Of(WireKind.Composite, typeName, canonicalName: canonical);
            }

            ObjectLayout? layout = ObjectLayout.Of(type);
            if (layout is null)
            {
                return Fail(path, atRoot, ObjectLayout.NoConstructorReason);
            }

            if (!isReference && layout.Members.Count == 0)
            {
                // Such a struct would take no bytes, and counts are checked against the bytes they need.
                return Fail(path, atRoot, WireTypes.NoMembersReason);
            }

            inProgress.Add(type);
            var members = new List<MemberSpec>(layout.Members.Count);
            for (int i = 0; i < layout.Members.Count; i++)
            {
                ISymbol member = layout.Members[i];
                string memberPath = (path.Length == 0 ? type.Name : path) + "." + member.Name;
                WireTypeSpec? memberType = Visit(ObjectLayout.TypeOf(member), memberPath, atRoot: false);
                if (memberType is null)
                {
                    inProgress.Remove(type);
                    return null;
                }

                members.Add(new MemberSpec(Identifier(member.Name), memberType, layout.ConstructorIndexes[i]));
            }

            inProgress.Remove(type);
            return Composite(typeName, canonical, SerializerShape.Object, isReference, canonical,
                Enumerable.Empty<WireTypeSpec>(), members, exactTypeCheck: isReference && !type.IsSealed);
        }

        /// <summary>An abstract class or interface: a tag for the declared type the value is, then that type's pair.</summary>
        private WireTypeSpec? VisitUnion(
            INamedTypeSymbol type, List<ITypeSymbol> derived, string path, bool atRoot, string typeName, string canonical)
        {
            var items = new List<WireTypeSpec>(derived.Count);
            foreach (ITypeSymbol candidate in derived)
            {
                if (candidate is not INamedTypeSymbol named || named.IsAbstract || named.TypeKind == TypeKind.Interface ||
                    !DerivesFrom(named, type))
                {
                    return Fail(path, atRoot, WireTypes.BadDerivedTypeReason(candidate.ToDisplayString(TypeNames.Message)));
                }

                WireTypeSpec? item = Visit(named, path, atRoot: false);
                if (item is null)
                {
                    return null;
                }

                items.Add(item);
            }

            return Composite(typeName, canonical, SerializerShape.Union, true, canonical, items);
        }

        /// <summary>The path to a pointer field of an unmanaged struct, at any depth of nested structs; null when it has none.</summary>
        private static string? PointerField(INamedTypeSymbol type, string path)
        {
            foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.IsStatic || field.IsConst)
                {
                    continue;
                }

                // Backing fields of auto-properties are named after the property.
                string name = path + "." + (field.AssociatedSymbol?.Name ?? field.Name);
                if (field.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
                {
                    return name;
                }

                if (field.Type is INamedTypeSymbol { TypeKind: TypeKind.Struct } nested &&
                    !SymbolEqualityComparer.Default.Equals(nested, type) &&
                    PointerField(nested, name) is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        /// <summary>The types <c>[DerivedType(typeof(X))]</c> attributes on <paramref name="type"/> declare, in source order.</summary>
        private static List<ITypeSymbol> DerivedTypes(INamedTypeSymbol type)
        {
            var types = new List<ITypeSymbol>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "DerivedTypeAttribute" } attributeClass &&
                    TypeIdentity.MetadataName(attributeClass) == "Parallelize.DerivedTypeAttribute" &&
                    attribute.ConstructorArguments.Length == 1 &&
                    attribute.ConstructorArguments[0].Value is ITypeSymbol declared)
                {
                    types.Add(declared);
                }
            }

            return types;
        }

        private static bool DerivesFrom(INamedTypeSymbol candidate, INamedTypeSymbol baseType)
        {
            if (baseType.TypeKind == TypeKind.Interface)
            {
                return candidate.AllInterfaces.Contains(baseType, SymbolEqualityComparer.Default);
            }

            for (INamedTypeSymbol? t = candidate.BaseType; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}
