using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Parallelize.Generator.Model;

namespace Parallelize.Generator.Analysis
{
    internal sealed partial class WireTypeClassifier
    {
        /// <summary>Framework value types with their own WireWriter/WireReader pair, by metadata name.</summary>
        private static readonly Dictionary<string, string> FrameworkPrimitives = new Dictionary<string, string>
        {
            ["System.Guid"] = "Guid",
            ["System.DateTime"] = "DateTime",
            ["System.DateTimeOffset"] = "DateTimeOffset",
            ["System.TimeSpan"] = "TimeSpan",
            ["System.DateOnly"] = "DateOnly",
            ["System.TimeOnly"] = "TimeOnly",
            ["System.Half"] = "Half",
            ["System.Int128"] = "Int128",
            ["System.UInt128"] = "UInt128",
        };

        /// <summary>Sequence interfaces: enumerated on write, read back as a <c>List&lt;T&gt;</c>.</summary>
        private static readonly HashSet<string> SequenceInterfaces = new HashSet<string>
        {
            "System.Collections.Generic.IEnumerable`1",
            "System.Collections.Generic.ICollection`1",
            "System.Collections.Generic.IList`1",
            "System.Collections.Generic.IReadOnlyCollection`1",
            "System.Collections.Generic.IReadOnlyList`1",
        };

        private static string? PrimitiveSuffix(INamedTypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Boolean => "Boolean",
            SpecialType.System_Byte => "Byte",
            SpecialType.System_SByte => "SByte",
            SpecialType.System_Int16 => "Int16",
            SpecialType.System_UInt16 => "UInt16",
            SpecialType.System_Int32 => "Int32",
            SpecialType.System_UInt32 => "UInt32",
            SpecialType.System_Int64 => "Int64",
            SpecialType.System_UInt64 => "UInt64",
            SpecialType.System_Char => "Char",
            SpecialType.System_Single => "Single",
            SpecialType.System_Double => "Double",
            SpecialType.System_Decimal => "Decimal",
            SpecialType.System_IntPtr => "IntPtr",
            SpecialType.System_UIntPtr => "UIntPtr",
            SpecialType.System_DateTime => "DateTime",
            _ => FrameworkPrimitives.TryGetValue(TypeIdentity.MetadataName(type), out string? suffix) ? suffix : null,
        };

        /// <summary>
        /// Collections, nullables and other framework types with a known encoding. True when the type is the
        /// framework's (decided, successfully or not); false for the user's own types.
        /// </summary>
        private bool VisitFrameworkType(
            INamedTypeSymbol type, string metadataName, string path, bool atRoot, string typeName, string canonical,
            out WireTypeSpec? spec)
        {
            spec = null;
            string[] paths = { ItemPath(path, "[i]") };
            switch (metadataName)
            {
                case "System.Nullable`1":
                    spec = WithItems(type, new[] { path }, items =>
                        Composite(typeName, canonical, SerializerShape.Nullable, false, canonical, items));
                    return true;
                case "System.Collections.Generic.List`1":
                    spec = WithItems(type, paths, items => Composite(typeName, canonical,
                        IsBlockCopied(items[0]) ? SerializerShape.UnmanagedList : SerializerShape.List, true, canonical, items));
                    return true;
                case "System.Collections.Generic.HashSet`1":
                case "System.Collections.Generic.ISet`1":
                case "System.Collections.Generic.IReadOnlySet`1":
                    spec = WithItems(type, paths, items => Composite(typeName, canonical, SerializerShape.Set, true,
                        "global::System.Collections.Generic.HashSet<" + items[0].CanonicalName + ">", items));
                    return true;
                case "System.Collections.Generic.Dictionary`2":
                case "System.Collections.Generic.IDictionary`2":
                case "System.Collections.Generic.IReadOnlyDictionary`2":
                    spec = WithItems(type, new[] { ItemPath(path, "[key]"), ItemPath(path, "[value]") }, items => Composite(typeName, canonical,
                        SerializerShape.Dictionary, true,
                        "global::System.Collections.Generic.Dictionary<" + items[0].CanonicalName + ", " + items[1].CanonicalName + ">",
                        items));
                    return true;
                case "System.Memory`1":
                case "System.ReadOnlyMemory`1":
                    spec = WithItems(type, paths, items => Composite(typeName, canonical,
                        IsBlockCopied(items[0]) ? SerializerShape.UnmanagedMemory : SerializerShape.Memory, false, canonical, items));
                    return true;
                case "System.Collections.Generic.KeyValuePair`2":
                case "System.Tuple`1":
                case "System.Tuple`2":
                case "System.Tuple`3":
                case "System.Tuple`4":
                case "System.Tuple`5":
                case "System.Tuple`6":
                case "System.Tuple`7":
                case "System.Tuple`8":
                    // Rebuilt through their constructors like the user's records.
                    spec = VisitObject(type, path, atRoot, typeName, canonical);
                    return true;
            }

            if (SequenceInterfaces.Contains(metadataName))
            {
                spec = WithItems(type, paths, items => Composite(typeName, canonical, SerializerShape.Sequence, true,
                    "global::System.Collections.Generic.List<" + items[0].CanonicalName + ">", items));
                return true;
            }

            if (IsStream(type))
            {
                spec = Fail(path, atRoot, WireTypes.StreamReason);
                return true;
            }

            if (IsFrameworkNamespace(type.ContainingNamespace))
            {
                spec = Fail(path, atRoot, WireTypes.NotSupportedReason);
                return true;
            }

            return false;
        }

        /// <summary>Classifies the type arguments, each at its own path, then builds the spec from them.</summary>
        private WireTypeSpec? WithItems(INamedTypeSymbol type, string[] paths, System.Func<WireTypeSpec[], WireTypeSpec> build)
        {
            var items = new WireTypeSpec[type.TypeArguments.Length];
            for (int i = 0; i < items.Length; i++)
            {
                WireTypeSpec? item = Visit(type.TypeArguments[i], paths[i], atRoot: false);
                if (item is null)
                {
                    return null;
                }

                items[i] = item;
            }

            return build(items);
        }

        private static bool IsStream(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (t.Name == "Stream" && TypeIdentity.MetadataName(t) == "System.IO.Stream")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// System and Microsoft types not listed above have no encoding: taking them apart by their public members
        /// would silently drop what they keep privately (a <c>Queue&lt;T&gt;</c>'s items, a <c>StringBuilder</c>'s text).
        /// </summary>
        private static bool IsFrameworkNamespace(INamespaceSymbol? ns)
        {
            INamespaceSymbol? root = null;
            for (INamespaceSymbol? n = ns; n is not null && !n.IsGlobalNamespace; n = n.ContainingNamespace)
            {
                root = n;
            }

            return root is { Name: "System" or "Microsoft" };
        }
    }
}
