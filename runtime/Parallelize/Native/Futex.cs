using System.Runtime.InteropServices;

namespace Parallelize.Native;

/// <summary>
/// The Linux futex: a 32-bit word in shared memory that processes wait on in the kernel, without a thread spinning.
/// Uncontended operations on a word never reach the kernel; a waiter sleeps until another process wakes the word, its
/// value has changed, or the timeout passes.
/// </summary>
/// <remarks>
/// No FUTEX_PRIVATE_FLAG: the word lies in a MAP_SHARED mapping that several processes wait on, and the kernel keys
/// such waits by the page's inode and offset, so each process may map the memory at a different address.
/// </remarks>
internal static unsafe class Futex
{
    private const int FutexWait = 0;
    private const int FutexWake = 1;

    private static readonly long SysFutex = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        var other => throw new PlatformNotSupportedException($"Futex waits are not wired up for {other}."),
    };

    /// <summary>
    /// Sleeps while <paramref name="word"/> holds <paramref name="expected"/>, at most <paramref name="timeoutMs"/>
    /// milliseconds (-1: no limit). Returns on a wake, on a value that differs when the wait starts, on a signal, or at
    /// the timeout, and the caller rechecks its condition in every case.
    /// </summary>
    public static void Wait(int* word, int expected, int timeoutMs)
    {
        if (timeoutMs < 0)
        {
            Syscall(word, FutexWait, expected, null);
            return;
        }

        // struct timespec { long tv_sec; long tv_nsec; }, relative to now on CLOCK_MONOTONIC.
        long* timeout = stackalloc long[2];
        timeout[0] = timeoutMs / 1000;
        timeout[1] = timeoutMs % 1000 * 1_000_000L;
        Syscall(word, FutexWait, expected, timeout);
    }

    /// <summary>Wakes up to <paramref name="count"/> processes waiting on <paramref name="word"/>.</summary>
    public static void Wake(int* word, int count) => Syscall(word, FutexWake, count, null);

    private static void Syscall(int* word, int operation, int value, void* timeout)
    {
        // EAGAIN (value changed), EINTR and ETIMEDOUT all mean "look again"; any other failure is a bug in the caller.
        if (Libc.syscall(SysFutex, word, operation, value, timeout, null, 0) == -1)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error is not (Libc.EAGAIN or Libc.EINTR or Libc.ETIMEDOUT))
            {
                throw new System.ComponentModel.Win32Exception(error, "futex failed");
            }
        }
    }
}
