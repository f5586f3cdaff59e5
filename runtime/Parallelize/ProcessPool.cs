using Parallelize.Execution;
using Parallelize.Hosting;

namespace Parallelize;

/// <summary>
/// Warm worker processes that run <see cref="Call"/> values (Python's <c>multiprocessing.Pool</c>). Calls queue in
/// order and go to whichever worker has room; tiny calls travel in chunks and several at a time, so they are not
/// bound by round trips. A worker that dies fails only the call it was running (or runs it again, see
/// <see cref="ProcessPoolOptions.RetriesAfterCrash"/>); the calls it had not started go to another worker, and a
/// replacement starts. Workers never outlive the parent process.
/// </summary>
/// <remarks>Dispose with <see cref="DisposeAsync"/> (drain, then stop the workers) or <see cref="Terminate"/> (kill now).</remarks>
public sealed partial class ProcessPool : ICallExecutor, IAsyncDisposable, IDisposable, IPoolWorkerEvents
{
    private static readonly Lazy<ProcessPool> SharedPool = new(CreateShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ProcessPoolOptions _options;
    private readonly ChildProcessOptions _workerOptions;
    private readonly object _lock = new();
    private readonly List<PoolWorker> _workers = [];
    private readonly LinkedList<WorkJob> _jobs = new();
    private readonly LinkedList<WorkSlice> _resends = new();
    private readonly HashSet<WorkJob> _outstanding = [];
    private readonly Action<WorkJob> _forgetJob;
    private readonly Timer? _watchdog;
    private PoolState _state = PoolState.Running;
    private Exception? _fault;
    private int _startFailures;
    private bool _isShared;

    /// <summary>The workers started so far, which numbers them: a worker's id is its place in that count, from 1.</summary>
    private int _workersStarted;

    /// <summary>Creates a pool; its workers start on first use, or now with <see cref="ProcessPoolOptions.StartEagerly"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    public ProcessPool(ProcessPoolOptions? options = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Parallelize starts worker processes on Linux only, for now.");
        }

        _options = options ?? ProcessPoolOptions.Default;
        _workerOptions = WorkerOptions(_options);
        _forgetJob = ForgetJob;
        if (_options.CallTimeout is TimeSpan timeout)
        {
            TimeSpan period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 8, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerMillisecond * 250));
            _watchdog = new Timer(static pool => ((ProcessPool)pool!).EnforceTimeouts(), this, period, period);
        }

        if (_options.StartEagerly)
        {
            lock (_lock)
            {
                StartWorkers(force: true);
            }
        }
    }

    /// <summary>
    /// The pool behind the generated <c>{Type}.InProcess.{Method}(...)</c> shortcuts: default options, created on first
    /// use, its workers killed when the process exits. It cannot be disposed.
    /// </summary>
    public static ProcessPool Shared => SharedPool.Value;

    /// <summary>The options the pool was created with.</summary>
    public ProcessPoolOptions Options => _options;

    /// <summary>The process ids of the workers alive now (starting, ready or finishing their last calls).</summary>
    public IReadOnlyList<int> WorkerProcessIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _workers.Select(static w => w.Connection.Pid)];
            }
        }
    }

    /// <summary>Starts any workers not yet running and waits until all are ready (their initializer done).</summary>
    /// <exception cref="InvalidOperationException">A worker could not start, or the initializer failed.</exception>
    /// <exception cref="ObjectDisposedException">The pool is disposed.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Task[] ready;
        lock (_lock)
        {
            ThrowIfUnusable();
            StartWorkers(force: true);
            ready = [.. _workers.Where(static w => w.State != PoolWorkerState.Retiring).Select(static w => w.Ready.Task)];
        }

        await Task.WhenAll(ready).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the call on a worker and returns its result (Python's <c>apply_async</c>, <c>submit</c>).</summary>
    /// <exception cref="RemoteException">The method threw in the worker.</exception>
    /// <exception cref="WorkerCrashedException">The worker died while running the call.</exception>
    /// <exception cref="TimeoutException">The call ran past <see cref="ProcessPoolOptions.CallTimeout"/>.</exception>
    /// <exception cref="WorkerMemoryLimitException">The call breached <see cref="ProcessPoolOptions.MemoryLimitBytes"/>.</exception>
    /// <exception cref="OperationCanceledException">The token fired: a queued call is dropped; a running one is
    /// cancelled through its token if the method takes one, and its worker killed otherwise or after the grace period.</exception>
    /// <exception cref="ObjectDisposedException">The pool is disposed or terminated.</exception>
    public Task<TResult> RunAsync<TResult>(Call<TResult> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var job = new SingleCallJob<TResult>(call, cancellationToken);
        Submit(job);
        return job.Completion;
    }

    /// <summary>Runs a call of a method that returns nothing on a worker.</summary>
    /// <inheritdoc cref="RunAsync{TResult}(Call{TResult}, CancellationToken)"/>
    public Task RunAsync(Call call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var job = new SingleVoidCallJob(call, cancellationToken);
        Submit(job);
        return job.Completion;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_lock)
        {
            return $"ProcessPool of {_options.WorkerCount} ({_workers.Count} alive, {_state})";
        }
    }

    private static ChildProcessOptions WorkerOptions(ProcessPoolOptions options)
    {
        var environment = new Dictionary<string, string?>(options.EnvironmentVariables);
        if (options.MemoryLimitBytes is long limit)
        {
            // The runtime reads its GC settings from DOTNET_-prefixed variables, numbers in hexadecimal.
            environment["DOTNET_GCHeapHardLimit"] = "0x" + limit.ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!RetainVmIsChosen(environment))
        {
            // A worker keeps the memory its collections free for its next calls, so a large argument lands in pages it
            // already has, where fresh ones cost more than the copy on the VMs measured (docs/dev/bulk-transfer.md).
            environment[RetainVmVariable] = "1";
        }

        return new ChildProcessOptions
        {
            MaxFrameBytes = options.MaxFrameBytes,
            SharedMemoryThresholdBytes = options.SharedMemoryThresholdBytes,
            MaxSharedMemoryBytes = options.MaxSharedMemoryBytes,
            EnvironmentVariables = environment,
            WorkingDirectory = options.WorkingDirectory,
            RecordStartTimes = options.CallTimeout is not null,
            PrefixOutput = options.PrefixOutput,
        };
    }

    private const string RetainVmVariable = "DOTNET_GCRetainVM";

    /// <summary>True when the caller set the workers' RetainVM: in the options (a null value removes it), in this
    /// process's environment, which workers inherit, or in the application's runtimeconfig, which they share.</summary>
    private static bool RetainVmIsChosen(Dictionary<string, string?> environment) =>
        environment.ContainsKey(RetainVmVariable) || environment.ContainsKey("COMPlus_GCRetainVM") ||
        Environment.GetEnvironmentVariable(RetainVmVariable) is not null ||
        Environment.GetEnvironmentVariable("COMPlus_GCRetainVM") is not null ||
        AppContext.GetData("System.GC.RetainVM") is not null;

    private static ProcessPool CreateShared()
    {
        var pool = new ProcessPool(ProcessPoolOptions.Default) { _isShared = true };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => pool.TerminateCore();
        return pool;
    }
}
