using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Parallelize.Generator.Helpers;
using Parallelize.Generator.Model;

namespace Parallelize.Generator
{
    /// <summary>
    /// Emits, for every <c>[RunInProcess]</c> method, a typed call value, a one-line shortcut, the argument and
    /// result serializers, and the worker-side dispatch switch.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class RunInProcessGenerator : IIncrementalGenerator
    {
        internal const string ToolName = "Parallelize.Generator";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<MethodSpec?> methods = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "Parallelize.RunInProcessAttribute",
                    static (node, _) => node is MethodDeclarationSyntax,
                    Parser.Parse)
                .WithTrackingName(TrackingNames.Methods);

            IncrementalValuesProvider<MethodSpec> validMethods = methods
                .Where(static method => method is not null)
                .Select(static (method, _) => method!)
                .WithTrackingName(TrackingNames.ValidMethods);

            IncrementalValueProvider<string> assemblyName = context.CompilationProvider
                .Select(static (compilation, _) => compilation.AssemblyName ?? "")
                .WithTrackingName(TrackingNames.AssemblyName);

            // An application (not a library) enters worker mode from a module initializer under NativeAOT, where no
            // startup hook can run before Main: its dispatch file's, or a worker entry of its own when it has no marked
            // methods (they live in libraries it references).
            IncrementalValueProvider<bool> isApplication = context.CompilationProvider
                .Select(static (compilation, _) => IsApplicationUsingRuntime(compilation))
                .WithTrackingName(TrackingNames.IsApplication);

            IncrementalValueProvider<EquatableArray<MethodSpec>> resolvedMethods = validMethods
                .Collect()
                .Select(static (all, _) => MethodIds.Resolve(all))
                .WithTrackingName(TrackingNames.ResolvedMethods);

            IncrementalValuesProvider<TypeGroupSpec> typeGroups = resolvedMethods
                .SelectMany(static (all, _) => GroupByType(all))
                .WithTrackingName(TrackingNames.TypeGroups);

            context.RegisterSourceOutput(typeGroups.Combine(assemblyName), static (output, input) =>
                output.AddSource(input.Left.HintName, Emitter.EmitType(input.Left, input.Right)));

            IncrementalValueProvider<DispatchSpec> dispatchTable = resolvedMethods
                .Combine(assemblyName)
                .Combine(isApplication)
                .Select(static (input, _) => new DispatchSpec(
                    input.Left.Right,
                    new EquatableArray<MethodSpec>(input.Left.Left.OrderBy(static m => m.Id)),
                    input.Right))
                .WithTrackingName(TrackingNames.DispatchTable);

            IncrementalValueProvider<SerializerSetSpec> serializers = resolvedMethods
                .Combine(assemblyName)
                .Select(static (input, _) => MergeSerializers(input.Left, input.Right))
                .WithTrackingName(TrackingNames.Serializers);

            context.RegisterSourceOutput(serializers, static (output, set) =>
            {
                if (set.Serializers.Count > 0)
                {
                    output.AddSource("Parallelize.Serializers.g.cs", Emitter.EmitSerializers(set));
                }
            });

            IncrementalValueProvider<ChannelSetSpec> channels = resolvedMethods
                .Combine(assemblyName)
                .Select(static (input, _) => MergeChannels(input.Left, input.Right))
                .WithTrackingName(TrackingNames.Channels);

            context.RegisterSourceOutput(channels, static (output, set) =>
            {
                if (set.Items.Count > 0)
                {
                    output.AddSource("Parallelize.Channels.g.cs", Emitter.EmitChannels(set));
                }
            });

            context.RegisterSourceOutput(dispatchTable, static (output, dispatch) =>
            {
                if (dispatch.Methods.Count > 0)
                {
                    output.AddSource("Parallelize.Dispatch.g.cs", Emitter.EmitDispatch(dispatch));
                }
            });

            // One module initializer enters worker mode, so that it runs after this assembly's dispatcher is registered:
            // the dispatch file's when there is one, this file's otherwise.
            IncrementalValueProvider<bool> needsWorkerEntry = isApplication
                .Combine(resolvedMethods)
                .Select(static (input, _) => input.Left && input.Right.Count == 0)
                .WithTrackingName(TrackingNames.WorkerEntry);

            context.RegisterSourceOutput(needsWorkerEntry, static (output, needed) =>
            {
                if (needed)
                {
                    output.AddSource("Parallelize.WorkerEntry.g.cs", Emitter.EmitWorkerEntry());
                }
            });
        }

        /// <summary>
        /// True for an executable that references the Parallelize runtime, whose children are this executable started
        /// again. The runtime's own build (also an executable) declares the registry rather than referencing it.
        /// </summary>
        private static bool IsApplicationUsingRuntime(Compilation compilation)
        {
            if (compilation.Options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication))
            {
                return false;
            }

            INamedTypeSymbol? registry = compilation.GetTypeByMetadataName("Parallelize.Dispatch.DispatcherRegistry");
            return registry is not null && !SymbolEqualityComparer.Default.Equals(registry.ContainingAssembly, compilation.Assembly);
        }

        /// <summary>The union of every method's serializer pairs, one per type, ordered by type name.</summary>
        private static SerializerSetSpec MergeSerializers(EquatableArray<MethodSpec> methods, string assemblyName)
        {
            var all = new SortedDictionary<string, SerializerSpec>(System.StringComparer.Ordinal);
            foreach (MethodSpec method in methods)
            {
                foreach (SerializerSpec serializer in method.Serializers)
                {
                    all[serializer.TypeName] = serializer;
                }
            }

            return new SerializerSetSpec(assemblyName, new EquatableArray<SerializerSpec>(all.Values));
        }

        /// <summary>
        /// The item types of every shared channel the methods take, one per canonical name, ordered by it. A channel
        /// is either a parameter or inside a composite one, and every composite a method carries has its pair in
        /// <see cref="MethodSpec.Serializers"/>, so the parameters and the pairs' items and members cover them all.
        /// </summary>
        private static ChannelSetSpec MergeChannels(EquatableArray<MethodSpec> methods, string assemblyName)
        {
            var items = new SortedDictionary<string, WireTypeSpec>(System.StringComparer.Ordinal);
            void Add(WireTypeSpec type)
            {
                foreach (WireTypeSpec item in type.ChannelItems)
                {
                    // Spelled canonically: ProcessQueue<string?> and ProcessQueue<string> register one WireCodec<string>.
                    items[item.CanonicalName] = item with { TypeName = item.CanonicalName };
                }
            }

            foreach (MethodSpec method in methods)
            {
                foreach (ParameterSpec parameter in method.Parameters)
                {
                    Add(parameter.Type);
                }

                foreach (SerializerSpec serializer in method.Serializers)
                {
                    foreach (WireTypeSpec item in serializer.Items)
                    {
                        Add(item);
                    }

                    foreach (MemberSpec member in serializer.Members)
                    {
                        Add(member.Type);
                    }
                }
            }

            return new ChannelSetSpec(assemblyName, new EquatableArray<WireTypeSpec>(items.Values));
        }

        private static ImmutableArray<TypeGroupSpec> GroupByType(EquatableArray<MethodSpec> methods)
        {
            var groups = new SortedDictionary<string, List<MethodSpec>>(System.StringComparer.Ordinal);
            foreach (MethodSpec method in methods)
            {
                if (!groups.TryGetValue(method.TypeFullName, out List<MethodSpec>? list))
                {
                    groups[method.TypeFullName] = list = new List<MethodSpec>();
                }

                list.Add(method);
            }

            ImmutableArray<TypeGroupSpec>.Builder result = ImmutableArray.CreateBuilder<TypeGroupSpec>(groups.Count);
            foreach (List<MethodSpec> list in groups.Values)
            {
                MethodSpec first = list[0];
                result.Add(new TypeGroupSpec(
                    first.Namespace,
                    first.ContainingTypes,
                    first.TypeFullName,
                    first.HidesInheritedMembers,
                    HintName(first),
                    new EquatableArray<MethodSpec>(list)));
            }

            return result.MoveToImmutable();
        }

        private static string HintName(MethodSpec method)
        {
            IEnumerable<string> parts = method.ContainingTypes.Select(static t => t.Name);
            if (method.Namespace.Length > 0)
            {
                parts = new[] { method.Namespace }.Concat(parts);
            }

            return string.Join(".", parts) + ".Parallelize.g.cs";
        }
    }
}
