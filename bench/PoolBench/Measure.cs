using System.Diagnostics;

namespace PoolBench;

/// <summary>Timing helpers: run an action several times, report the median.</summary>
internal static class Measure
{
    public static async Task<(double Median, double[] Runs)> SecondsAsync(int repeats, Func<Task> run)
    {
        var runs = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await run();
            runs[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        return (Median(runs), runs);
    }

    public static double Median(IEnumerable<double> samples)
    {
        double[] sorted = [.. samples.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The nearest-rank percentile, as the Python scripts compute it.</summary>
    public static double Percentile(IEnumerable<double> samples, double p)
    {
        double[] sorted = [.. samples.Order()];
        int rank = Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length), 1, sorted.Length);
        return sorted[rank - 1];
    }

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>
    /// CPU time the hypervisor gave to others while this VM's CPUs wanted to run (all CPUs, /proc/stat "steal"), in ms:
    /// a parallel figure taken while it grew had fewer than two CPUs.
    /// </summary>
    public static long StealMilliseconds()
    {
        string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 8 ? long.Parse(fields[8], System.Globalization.CultureInfo.InvariantCulture) * 10 : 0;
    }

    /// <summary>Time all CPUs spent idle (/proc/stat "idle"), in ms: next to a parallel figure, whether a CPU was left
    /// unused while it ran.</summary>
    public static long IdleMilliseconds()
    {
        string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture) * 10;
    }

    /// <summary>User plus system CPU time of process <paramref name="pid"/> (/proc/{pid}/stat), in ms; 0 once it is
    /// gone. The kernel counts it in 10 ms ticks charged to whatever runs when one fires: summed over many short
    /// windows that each start and end with this process running, this process's own figure comes out high.</summary>
    public static long ProcessCpuMilliseconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return 0;
        }

        // After the command name, which may hold spaces: state is field 3, utime 14 and stime 15.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return (long.Parse(fields[11], invariant) + long.Parse(fields[12], invariant)) * 10;
    }

    /// <summary>Starts counting where the CPU time goes: to each of <paramref name="workerPids"/>, to this process, and
    /// idle. A parallel figure far below the others then shows whether the work or the CPUs were missing.</summary>
    public static CpuAccount StartCpuAccount(IEnumerable<int> workerPids) => new([.. workerPids]);

    /// <summary>See <see cref="StartCpuAccount"/>; counts while running, and <see cref="Pause"/> leaves out what runs
    /// between measured runs.</summary>
    public sealed class CpuAccount
    {
        private readonly int[] _workers;
        private readonly long[] _workerTotal;
        private long _parentTotal;
        private long _idleTotal;
        private long[] _workerStart = [];
        private long _parentStart;
        private long _idleStart;
        private bool _running;

        internal CpuAccount(int[] workers)
        {
            _workers = workers;
            _workerTotal = new long[workers.Length];
            Resume();
        }

        /// <summary>Counts again from now.</summary>
        public void Resume()
        {
            _workerStart = [.. _workers.Select(ProcessCpuMilliseconds)];
            _parentStart = ProcessCpuMilliseconds(Environment.ProcessId);
            _idleStart = IdleMilliseconds();
            _running = true;
        }

        /// <summary>Adds what was spent since <see cref="Resume"/> and stops counting.</summary>
        public void Pause()
        {
            if (!_running)
            {
                return;
            }

            _idleTotal += IdleMilliseconds() - _idleStart;
            _parentTotal += ProcessCpuMilliseconds(Environment.ProcessId) - _parentStart;
            for (int i = 0; i < _workers.Length; i++)
            {
                _workerTotal[i] += ProcessCpuMilliseconds(_workers[i]) - _workerStart[i];
            }

            _running = false;
        }

        /// <summary>The CPU time counted, as JSON: <c>{"workers":[..],"parent":..,"idle_all_cpus":..}</c>.</summary>
        public string Json()
        {
            Pause();
            return $"{{\"workers\":[{string.Join(",", _workerTotal)}],\"parent\":{_parentTotal},\"idle_all_cpus\":{_idleTotal}}}";
        }
    }
}
