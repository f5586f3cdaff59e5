using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Parallelize.Generator.Helpers;
using Parallelize.Generator.Model;

namespace Parallelize.Generator.Analysis
{
    /// <summary>
    /// Decides how each type crosses, collecting the serializer pairs it needs, or finds the part that cannot cross
    /// and says why. One instance serves one method, so types shared by its parameters are looked at once.
    /// </summary>
    internal sealed partial class WireTypeClassifier
    {
        // One cache and one set of types in progress per use: a type with a shared object inside crosses as an
        // argument but not as a result or a channel item, so a spec found for one use cannot stand for another.
        private readonly Dictionary<ITypeSymbol, WireTypeSpec>[] _classified = PerUse(static () =>
            new Dictionary<ITypeSymbol, WireTypeSpec>(SymbolEqualityComparer.Default));

        private readonly HashSet<ITypeSymbol>[] _inProgress = PerUse(static () =>
            new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
        private readonly SortedDictionary<string, SerializerSpec> _serializers =
            new SortedDictionary<string, SerializerSpec>(System.StringComparer.Ordinal);

        private WireFailure? _failure;

        // Where the type being looked at travels; a channel's items are looked at as Detached.
        private WireUse _use;

        // The type being looked at, named by a failure found on it.
        private ITypeSymbol? _current;

        public WireTypeClassifier(KnownTypes known)
        {
            Known = known;
        }

        public KnownTypes Known { get; }

        /// <summary>Every serializer pair the types classified so far need, ordered by type name.</summary>
        public EquatableArray<SerializerSpec> Serializers => new EquatableArray<SerializerSpec>(_serializers.Values);

        /// <summary>
        /// How a parameter or result type crosses, or null with the failure. A <c>CancellationToken</c>, an
        /// <c>ILogger</c> and an <c>IProgress&lt;T&gt;</c> whose <c>T</c> crosses are accepted here (as live links); inside
        /// other types they are not. Shared objects cross in parameters (<paramref name="use"/> <see cref="WireUse.Argument"/>) but not
        /// in results nor in a reported <c>T</c>.
        /// </summary>
        public WireTypeSpec? Classify(ITypeSymbol type, out WireFailure? failure, WireUse use = WireUse.Argument)
        {
            failure = null;
            if (WireTypes.IsCancellationToken(type))
            {
                return WireTypeSpec.Of(WireKind.CancellationToken, "global::System.Threading.CancellationToken",
                    canonicalName: "global::System.Threading.CancellationToken");
            }

            if (WireTypes.IsLogger(type, out ITypeSymbol? category))
            {
                return ClassifyLogger(type, category, out failure);
            }

            _failure = null;
            bool progress = WireTypes.IsProgress(type, out ITypeSymbol carried);
            _use = progress ? WireUse.Detached : use;
            WireTypeSpec? spec = Visit(carried, "", atRoot: true);
            if (spec is null)
            {
                failure = progress
                    ? new WireFailure("", "", "reports " + carried.ToDisplayString(TypeNames.Message) + ", which " + _failure!.Describe())
                    : _failure;
                // Types that referred to a failing type while it was in progress were cached as fine; forget them all
                // (a method with a failure is not generated, so nothing else needs these).
                foreach (Dictionary<ITypeSymbol, WireTypeSpec> classified in _classified)
                {
                    classified.Clear();
                }

                _serializers.Clear();
                return null;
            }

            return progress
                ? WireTypeSpec.Of(WireKind.Progress, type.ToDisplayString(TypeNames.Code),
                    canonicalName: "global::System.IProgress<" + spec.CanonicalName + ">", reported: spec)
                : spec;
        }

        /// <summary>
        /// An <c>ILogger</c> parameter: nothing of the logger crosses, but dispatch code names the category type of an
        /// <c>ILogger&lt;T&gt;</c>, so it must be accessible.
        /// </summary>
        private WireTypeSpec? ClassifyLogger(ITypeSymbol type, ITypeSymbol? category, out WireFailure? failure)
        {
            failure = null;
            if (category is not null && !Known.Compilation.IsSymbolAccessibleWithin(category, Known.Compilation.Assembly))
            {
                failure = new WireFailure("", "", "logs under the category " + category.ToDisplayString(TypeNames.Message) +
                    ", which " + WireTypes.InaccessibleReason);
                return null;
            }

            return WireTypeSpec.Of(WireKind.Logger, type.ToDisplayString(TypeNames.Code), canonicalName: TypeIdentity.Canonical(type),
                categoryTypeName: category?.ToDisplayString(TypeNames.Code) ?? "");
        }

        /// <summary>Classifies one type reached at <paramref name="path"/>; on failure records it in <see cref="_failure"/>.</summary>
        private WireTypeSpec? Visit(ITypeSymbol type, string path, bool atRoot)
        {
            Dictionary<ITypeSymbol, WireTypeSpec> classified = _classified[(int)_use];
            if (classified.TryGetValue(type, out WireTypeSpec? known))
            {
                return Respell(known, type);
            }

            ITypeSymbol? outer = _current;
            _current = type;
            WireTypeSpec? spec = type switch
            {
                IPointerTypeSymbol => Fail(path, atRoot, WireTypes.PointerReason),
                IFunctionPointerTypeSymbol => Fail(path, atRoot, WireTypes.FunctionPointerReason),
                ITypeParameterSymbol => Fail(path, atRoot, WireTypes.TypeParameterReason),
                IArrayTypeSymbol array => VisitArray(array, path, atRoot),
                INamedTypeSymbol named => VisitNamed(named, path, atRoot),
                _ => type.TypeKind == TypeKind.Dynamic
                    ? Fail(path, atRoot, WireTypes.DynamicReason)
                    : Fail(path, atRoot, WireTypes.NotSupportedReason),
            };

            _current = outer;
            if (spec is not null)
            {
                classified[type] = spec;
            }

            return spec;
        }

        private WireTypeSpec? VisitArray(IArrayTypeSymbol array, string path, bool atRoot)
        {
            if (!array.IsSZArray)
            {
                return Fail(path, atRoot, WireTypes.MultiDimensionalArrayReason);
            }

            WireTypeSpec? element = Visit(array.ElementType, ItemPath(path, "[i]"), atRoot: false);
            if (element is null)
            {
                return null;
            }

            string typeName = array.ToDisplayString(TypeNames.Code);
            string canonical = TypeIdentity.Canonical(array);
            if (IsBlockCopied(element))
            {
                return WireTypeSpec.Of(WireKind.UnmanagedArray, typeName, canonicalName: canonical,
                    elementTypeName: element.CanonicalName);
            }

            return Composite(typeName, canonical, SerializerShape.Array, isReferenceType: true, readAs: canonical, items: new[] { element });
        }

        private WireTypeSpec? VisitNamed(INamedTypeSymbol type, string path, bool atRoot)
        {
            if (type.TypeKind == TypeKind.Error)
            {
                return Fail(path, atRoot, WireTypes.UnresolvedReason);
            }

            if (type.TypeKind == TypeKind.Delegate)
            {
                return Fail(path, atRoot, WireTypes.DelegateReason);
            }

            if (type.IsRefLikeType)
            {
                return Fail(path, atRoot, WireTypes.RefLikeReason);
            }

            string typeName = type.ToDisplayString(TypeNames.Code);
            string canonical = TypeIdentity.Canonical(type);
            if (type is { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
            {
                return PrimitiveSuffix(underlying) is { } suffix
                    ? WireTypeSpec.Of(WireKind.Enum, typeName, canonicalName: canonical, primitive: suffix,
                        underlyingKeyword: underlying.ToDisplayString(TypeNames.Code))
                    : Fail(path, atRoot, WireTypes.NotSupportedReason);
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                    return WireTypeSpec.Of(WireKind.String, typeName, canonicalName: canonical, primitive: "String");
                case SpecialType.System_Object:
                    return Fail(path, atRoot, WireTypes.ObjectReason);
            }

            if (PrimitiveSuffix(type) is { } primitive)
            {
                return WireTypeSpec.Of(WireKind.Primitive, typeName, canonicalName: canonical, primitive: primitive);
            }

            if (WireTypes.IsCancellationToken(type))
            {
                return Fail(path, atRoot, WireTypes.NestedTokenReason);
            }

            if (WireTypes.IsProgress(type, out _))
            {
                return Fail(path, atRoot, WireTypes.NestedProgressReason);
            }

            if (WireTypes.IsLogger(type, out _))
            {
                return Fail(path, atRoot, WireTypes.NestedLoggerReason);
            }

            if (WireTypes.IsSharedObject(type))
            {
                return VisitShared(type, path, atRoot, typeName, canonical);
            }

            if (type.IsTupleType)
            {
                return VisitTuple(type, path, typeName, canonical);
            }

            string metadataName = TypeIdentity.MetadataName(type);
            if (VisitFrameworkType(type, metadataName, path, atRoot, typeName, canonical, out WireTypeSpec? framework))
            {
                return framework;
            }

            return VisitUserType(type, path, atRoot, typeName, canonical);
        }

        private WireTypeSpec? VisitTuple(INamedTypeSymbol tuple, string path, string typeName, string canonical)
        {
            var items = new List<WireTypeSpec>();
            foreach (IFieldSymbol element in tuple.TupleElements)
            {
                WireTypeSpec? item = Visit(element.Type, ItemPath(path, ".Item" + (items.Count + 1)), atRoot: false);
                if (item is null)
                {
                    return null;
                }

                items.Add(item);
            }

            return Composite(typeName, canonical, SerializerShape.ValueTuple, isReferenceType: false, readAs: canonical, items: items);
        }

        /// <summary>
        /// A shared object: a handle crosses, in arguments only. A channel's items are classified like any carried
        /// type, at the path <c>[item]</c>, as <see cref="WireUse.Detached"/> values.
        /// </summary>
        private WireTypeSpec? VisitShared(INamedTypeSymbol type, string path, bool atRoot, string typeName, string canonical)
        {
            switch (_use)
            {
                case WireUse.Result:
                    return Fail(path, atRoot, WireTypes.SharedObjectReason, sharedResult: true);
                case WireUse.Detached:
                    return Fail(path, atRoot, WireTypes.DetachedSharedObjectReason);
            }

            if (!WireTypes.HasSharedReader(type))
            {
                return Fail(path, atRoot, WireTypes.UnreadableSharedObjectReason);
            }

            var items = new List<WireTypeSpec>();
            _use = WireUse.Detached;
            try
            {
                foreach (INamedTypeSymbol channel in WireTypes.SharedChannels(type))
                {
                    WireTypeSpec? item = Visit(channel.TypeArguments[0], ItemPath(path, "[item]"), atRoot: false);
                    if (item is null)
                    {
                        return null;
                    }

                    items.Add(item);
                }
            }
            finally
            {
                _use = WireUse.Argument;
            }

            return WireTypeSpec.Of(WireKind.Shared, typeName, canonicalName: canonical,
                channelItems: new EquatableArray<WireTypeSpec>(items));
        }

        /// <summary>
        /// Registers the serializer pair of a composite type. Its items are classified before the pair is added, and
        /// a recursive type refers to itself through <see cref="_inProgress"/>.
        /// </summary>
        private WireTypeSpec Composite(
            string typeName, string canonical, SerializerShape shape, bool isReferenceType, string readAs,
            IEnumerable<WireTypeSpec> items, IEnumerable<MemberSpec>? members = null, bool exactTypeCheck = false)
        {
            if (!_serializers.ContainsKey(canonical))
            {
                _serializers[canonical] = new SerializerSpec(
                    canonical,
                    shape,
                    isReferenceType,
                    exactTypeCheck,
                    readAs,
                    new EquatableArray<WireTypeSpec>(items),
                    new EquatableArray<MemberSpec>(members ?? Enumerable.Empty<MemberSpec>()));
            }

            return WireTypeSpec.Of(WireKind.Composite, typeName, canonicalName: canonical);
        }

        /// <summary>A spec found for another spelling of the same type (nullability differs), in this one's spelling.</summary>
        private static WireTypeSpec Respell(WireTypeSpec known, ITypeSymbol type)
        {
            string typeName = type.ToDisplayString(TypeNames.Code);
            return known.TypeName == typeName ? known : known with { TypeName = typeName };
        }

        private WireTypeSpec? Fail(string path, bool atRoot, string reason, bool sharedResult = false)
        {
            _failure = new WireFailure(path, atRoot ? "" : _current?.ToDisplayString(TypeNames.Message) ?? "", reason, sharedResult);
            return null;
        }

        private static T[] PerUse<T>(System.Func<T> create)
        {
            var all = new T[(int)WireUse.Detached + 1];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = create();
            }

            return all;
        }

        /// <summary>The path of an item (<c>[i]</c>, <c>[key]</c>, <c>.Item2</c>) under <paramref name="path"/>; items
        /// of the declared type itself have no path, so a failure names the type they hold instead.</summary>
        private static string ItemPath(string path, string segment) => path.Length == 0 ? "" : path + segment;

        /// <summary>Elements copied as one block: any bit pattern is a valid value, so nothing needs checking on read.</summary>
        private static bool IsBlockCopied(WireTypeSpec element) =>
            element.Kind == WireKind.Enum ||
            element.Kind == WireKind.UnmanagedValue ||
            (element.Kind == WireKind.Primitive && BlockCopiedPrimitives.Contains(element.Primitive));

        private static readonly HashSet<string> BlockCopiedPrimitives = new HashSet<string>
        {
            "Byte", "SByte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Char", "Single", "Double",
            "IntPtr", "UIntPtr", "Half", "Int128", "UInt128", "Guid", "TimeSpan",
        };
    }
}
