using Parallelize.Sharing;

namespace Parallelize.Serialization;

public sealed partial class WireWriter
{
    /// <summary>
    /// Writes a handle to a shared object (a lock, queue, shared array ...), or a null marker: the receiving process
    /// attaches to the same shared memory instead of getting a copy.
    /// </summary>
    public void WriteShared(SharedObject? value)
    {
        if (value is null)
        {
            WriteBoolean(false);
            return;
        }

        value.WriteHandle(this);
    }
}
