namespace Parallelize.Generator
{
    /// <summary>Names of the pipeline steps, so caching tests can find each one.</summary>
    internal static class TrackingNames
    {
        public const string Methods = nameof(Methods);
        public const string ValidMethods = nameof(ValidMethods);
        public const string ResolvedMethods = nameof(ResolvedMethods);
        public const string AssemblyName = nameof(AssemblyName);
        public const string IsApplication = nameof(IsApplication);
        public const string TypeGroups = nameof(TypeGroups);
        public const string DispatchTable = nameof(DispatchTable);
        public const string Serializers = nameof(Serializers);
        public const string Channels = nameof(Channels);
        public const string WorkerEntry = nameof(WorkerEntry);
    }
}
