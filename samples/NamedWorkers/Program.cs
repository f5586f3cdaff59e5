// Five workers by name, after Python's current_process() examples:
//
//     def worker():
//         print(current_process().name, os.getpid())
//
//     if __name__ == '__main__':
//         workers = [Process(name=f'worker {i}', target=worker) for i in range(5)]
//         for w in workers:
//             w.start()
//         for w in workers:
//             w.join()

using Parallelize;
using NamedWorkers;

var workers = new List<ChildProcess>();
for (int i = 0; i < 5; i++)
{
    workers.Add(ChildProcess.Start(Worker.Calls.Work(), new ChildProcessOptions { Name = $"worker {i}" }));
}

// The children print in whatever order they get there; the parent joins them in the order it started them.
foreach (ChildProcess w in workers)
{
    await using (w)
    {
        await w.JoinAsync();
        Console.WriteLine($"joined {w.Name} (pid {w.Pid}), exit code {w.ExitCode}");
    }
}
