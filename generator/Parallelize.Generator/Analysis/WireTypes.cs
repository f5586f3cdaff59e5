using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Parallelize.Generator.Analysis
{
    /// <summary>The reasons a type cannot cross, as diagnostics word them, and the types that cross as live links.</summary>
    internal static class WireTypes
    {
        public const string PointerReason = "is a pointer";
        public const string FunctionPointerReason = "is a function pointer";
        public const string RefLikeReason = "is a by-ref-like type that cannot leave the stack";
        public const string DelegateReason = "is a delegate";
        public const string TypeParameterReason = "is a type parameter, and the child cannot know its type argument";
        public const string ObjectReason = "says nothing about what to carry; declare the type it holds";
        public const string DynamicReason = "says nothing about what to carry; declare the type it holds";
        public const string StreamReason =
            "is a Stream, a handle to data rather than data; pass the bytes (byte[], Memory<byte>) or a file path";
        public const string MultiDimensionalArrayReason = "is a multi-dimensional array; use a jagged array (T[][])";
        public const string UnresolvedReason = "is a type the compiler cannot resolve";
        public const string NestedTokenReason = "can only be a parameter of the method itself, not part of a value";
        public const string NestedProgressReason =
            "is a live link to the caller's IProgress<T>, so it can only be a parameter of the method itself, not part of a value or a result";
        public const string NestedLoggerReason =
            "is a live link to the caller's ILogger, so it can only be a parameter of the method itself, not part of a value or a result";
        public const string InaccessibleReason = "is not accessible to generated code; make it internal or public";
        public const string InterfaceReason =
            "is an interface with no [DerivedType] attributes, so the child cannot know which type to create; declare the implementations with [DerivedType(typeof(...))]";
        public const string AbstractReason =
            "is abstract with no [DerivedType] attributes, so the child cannot know which type to create; declare the derived types with [DerivedType(typeof(...))]";
        public const string ConcreteBaseReason =
            "has [DerivedType] attributes but is not abstract; make it abstract, or declare the derived types on an abstract base or interface";
        public const string UnknownCollectionReason =
            "is a collection type the wire format does not know, and taking it apart by its properties would lose its items; use an array, List<T>, HashSet<T>, Dictionary<TKey, TValue> or one of their interfaces";
        public const string NoMembersReason = "is a struct with no public members to carry";
        public const string SharedObjectReason = "is a shared object";
        public const string DetachedSharedObjectReason =
            "is a shared object, which can only be passed to a call as an argument, not sent as a channel item or a progress report: the sender may exit or dispose it before the receiver attaches";
        public const string UnreadableSharedObjectReason =
            "is a shared object type the child cannot attach to, as it has no public static ReadShared method; declare a concrete type such as ProcessLock or ProcessQueue<T>";
        public const string NotSupportedReason =
            "is not supported by the wire format (see the README's table of types that can cross)";

        /// <summary>The reason for a <c>[DerivedType(typeof(X))]</c> that names an unusable type.</summary>
        public static string BadDerivedTypeReason(string declared) =>
            "declares [DerivedType(typeof(" + declared + "))], which is not a concrete type derived from it";

        /// <summary>
        /// True for <c>System.IProgress&lt;T&gt;</c> (matched by name, namespace and arity), which crosses as a live link:
        /// the child's reports go to the caller's instance. <paramref name="reported"/> is its <c>T</c>.
        /// </summary>
        public static bool IsProgress(ITypeSymbol type, out ITypeSymbol reported)
        {
            if (type is INamedTypeSymbol { Name: "IProgress", Arity: 1, TypeKind: TypeKind.Interface, ContainingType: null } named &&
                named.ContainingNamespace is { Name: "System" } system &&
                system.ContainingNamespace.IsGlobalNamespace)
            {
                reported = named.TypeArguments[0];
                return true;
            }

            reported = type;
            return false;
        }

        /// <summary>
        /// True for <c>Microsoft.Extensions.Logging.ILogger</c> and <c>ILogger&lt;T&gt;</c> (matched by name, namespace
        /// and arity), which cross as a live link: the child's entries go to the caller's logger.
        /// <paramref name="category"/> is the <c>T</c> of an <c>ILogger&lt;T&gt;</c>, else null.
        /// </summary>
        public static bool IsLogger(ITypeSymbol type, out ITypeSymbol? category)
        {
            category = null;
            if (type is not INamedTypeSymbol { Name: "ILogger", TypeKind: TypeKind.Interface, ContainingType: null } named ||
                named.Arity > 1 ||
                TypeIdentity.MetadataName(named) != (named.Arity == 0 ? "Microsoft.Extensions.Logging.ILogger" : "Microsoft.Extensions.Logging.ILogger`1"))
            {
                return false;
            }

            category = named.Arity == 1 ? named.TypeArguments[0] : null;
            return true;
        }

        /// <summary>
        /// True for a type derived from <c>Parallelize.Sharing.SharedObject</c> (or that class itself), found by walking
        /// the base types rather than by a list of names, so shared types added to the runtime later are recognised.
        /// </summary>
        public static bool IsSharedObject(ITypeSymbol type)
        {
            for (INamedTypeSymbol? t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
            {
                if (t is { Name: "SharedObject", Arity: 0, ContainingType: null } &&
                    TypeIdentity.MetadataName(t) == "Parallelize.Sharing.SharedObject")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The <c>Parallelize.Sharing.ISharedChannel&lt;T&gt;</c> interfaces a shared type implements: each
        /// <c>T</c> crosses as serialized items.</summary>
        public static IEnumerable<INamedTypeSymbol> SharedChannels(INamedTypeSymbol type) =>
            type.AllInterfaces.Where(static i =>
                i is { Name: "ISharedChannel", Arity: 1 } &&
                TypeIdentity.MetadataName(i) == "Parallelize.Sharing.ISharedChannel`1");

        /// <summary>
        /// True when generated code can read the type's handle: a concrete type with a
        /// <c>public static T ReadShared(ref WireReader reader)</c>.
        /// </summary>
        public static bool HasSharedReader(INamedTypeSymbol type) =>
            !type.IsAbstract &&
            type.GetMembers("ReadShared").OfType<IMethodSymbol>().Any(m =>
                m is { IsStatic: true, DeclaredAccessibility: Accessibility.Public, Parameters.Length: 1 } &&
                m.Parameters[0].RefKind == RefKind.Ref &&
                SymbolEqualityComparer.Default.Equals(m.ReturnType, type));

        /// <summary>True for <c>System.Threading.CancellationToken</c>, which crosses as a live link, not as bytes.</summary>
        public static bool IsCancellationToken(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "CancellationToken", Arity: 0, ContainingNamespace: { Name: "Threading" } threading } &&
            threading.ContainingNamespace is { Name: "System" } system &&
            system.ContainingNamespace.IsGlobalNamespace;
    }
}
