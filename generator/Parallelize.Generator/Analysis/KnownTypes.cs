using Microsoft.CodeAnalysis;

namespace Parallelize.Generator.Analysis
{
    /// <summary>The well-known types the rules compare against, looked up once per compilation.</summary>
    internal sealed class KnownTypes
    {
        private KnownTypes(Compilation compilation)
        {
            Compilation = compilation;
            RunInProcessAttribute = compilation.GetTypeByMetadataName("Parallelize.RunInProcessAttribute");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            GeneratedCodeAttribute = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
        }

        /// <summary>The compilation, for accessibility checks of the types a method carries.</summary>
        public Compilation Compilation { get; }

        public INamedTypeSymbol? RunInProcessAttribute { get; }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        public INamedTypeSymbol? GeneratedCodeAttribute { get; }

        public static KnownTypes From(Compilation compilation) => new KnownTypes(compilation);

        public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            known is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
    }
}
