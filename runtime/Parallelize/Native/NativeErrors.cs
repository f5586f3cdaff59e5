using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Parallelize.Native;

internal static class NativeErrors
{
    /// <summary>Throws for a libc call that returned -1 and set errno.</summary>
    public static void ThrowIfFailed(int result, string call)
    {
        if (result == -1)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"{call} failed");
        }
    }

    /// <summary>Throws for a posix_spawn-family call, which returns the error number instead of setting errno.</summary>
    public static void ThrowIfError(int error, string call)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, $"{call} failed");
        }
    }
}
