using Parallelize.Serialization;

namespace Parallelize.Tests.Methods;

/// <summary>
/// A call of a method id the assembly's generated dispatch does not know, as a parent built from other code than its
/// workers would send. It takes no arguments and would return an int.
/// </summary>
internal sealed class UnknownMethodCall : Call<int>
{
    /// <summary>Not the id of any method: ids are hashes of signatures, and nothing here hashes to this.</summary>
    public const uint Id = 0xDEADBEEF;

    public UnknownMethodCall(string assemblyName)
        : base(assemblyName, Id, "Parallelize.Tests.Methods.Missing")
    {
    }

    protected override void WriteArguments(WireWriter writer)
    {
    }

    protected override int ReadResult(ref WireReader reader) => reader.ReadInt32();
}
