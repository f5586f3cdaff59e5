using Parallelize.Generator.Helpers;

namespace Parallelize.Generator.Model
{
    /// <summary>The worker-side switch over every marked method of the assembly.</summary>
    /// <param name="AssemblyName">The name under which the child looks the dispatcher up.</param>
    /// <param name="Methods">All valid methods, sorted by id.</param>
    /// <param name="IsApplication">True for an executable: its module initializer also enters worker mode under
    /// NativeAOT, before Main.</param>
    internal sealed record DispatchSpec(string AssemblyName, EquatableArray<MethodSpec> Methods, bool IsApplication);
}
