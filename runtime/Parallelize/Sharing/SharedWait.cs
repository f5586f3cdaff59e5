using Parallelize.Native;

namespace Parallelize.Sharing;

/// <summary>
/// One blocking wait on a futex word with a deadline and a cancellation token: the kernel sleep, plus the wake that
/// cancellation needs. Callers loop: check their condition, then call <see cref="Sleep"/>, which may return early.
/// </summary>
internal unsafe ref struct SharedWait
{
    /// <summary>
    /// The longest single sleep when something outside the word can end the wait: a token that a wake could race
    /// with, or an owner that may die without waking anyone. Such waits wake this often to look; the rest sleep until
    /// woken.
    /// </summary>
    public const int CheckIntervalMs = 100;

    private readonly int* _word;
    private readonly Deadline _deadline;
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;

    public SharedWait(int* word, Deadline deadline, CancellationToken cancellationToken)
    {
        _word = word;
        _deadline = deadline;
        _cancellationToken = cancellationToken;
        _registration = default;
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when the token fired; false once the deadline passed.</summary>
    public readonly bool CanContinue()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        return !_deadline.HasPassed;
    }

    /// <summary>Sleeps while the word holds <paramref name="expected"/>: until a wake, the deadline, a cancellation, or
    /// <see cref="CheckIntervalMs"/> when <paramref name="periodic"/>.</summary>
    public void Sleep(int expected, bool periodic = false)
    {
        if (_cancellationToken.CanBeCanceled && _registration == default)
        {
            nint word = (nint)_word;
            _registration = _cancellationToken.UnsafeRegister(static state => Futex.Wake((int*)(nint)state!, int.MaxValue), word);
        }

        // A cancellation that fires between the caller's check and the sleep wakes nobody, so cancellable waits also
        // look again every interval.
        bool bounded = periodic || _cancellationToken.CanBeCanceled;
        Futex.Wait(_word, expected, _deadline.RemainingMs(bounded ? CheckIntervalMs : -1));
    }

    public void Dispose() => _registration.Dispose();
}
