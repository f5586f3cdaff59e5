using System.Runtime.InteropServices;

namespace Parallelize.Bulk;

/// <summary>
/// A known value at a fixed address in the parent, which a new worker tries to read with
/// <see cref="RemoteMemory.CanRead"/>: only a worker that can may be lent blocks, and only then does it lend its own.
/// </summary>
/// <remarks>
/// Set the AppContext switch <c>Parallelize.Bulk.NoDirectCopy</c> to send every large block through shared memory.
/// </remarks>
internal static unsafe class LendProbe
{
    /// <summary>"PARLLEND" in ASCII.</summary>
    public const ulong Value = 0x444E_454C_4C52_4150;

    private static readonly nint s_cell = Allocate();

    /// <summary>Where <see cref="Value"/> lies in this process; 0 when lending is turned off. Read at each worker's
    /// start, so the switch applies to the workers started after it is set.</summary>
    public static nint Address =>
        AppContext.TryGetSwitch("Parallelize.Bulk.NoDirectCopy", out bool disabled) && disabled ? 0 : s_cell;

    private static nint Allocate()
    {
        // Never freed: workers may probe it for as long as the process runs.
        ulong* cell = (ulong*)NativeMemory.Alloc(sizeof(ulong));
        *cell = Value;
        return (nint)cell;
    }
}
