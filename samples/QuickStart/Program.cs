using Parallelize;
using QuickStart;

Console.WriteLine($"parent pid: {ProcessContext.Pid}");

// One dedicated child process, like Python's Process(target=info, args=("first child",)).start(); join().
await using (ChildProcess<string> child = ChildProcess.Start(Demo.Calls.Info("first child")))
{
    Console.WriteLine($"started child {child.Pid}");
    Console.WriteLine(await child.JoinAsync());
    Console.WriteLine($"exit code: {child.ExitCode}");
}

// The one-line shortcut: run it somewhere else and await the result.
Console.WriteLine(await Demo.InProcess.Info("second child"));

// Two CPU-bound halves in two children at once.
Task<long> low = Demo.InProcess.CountPrimes(0, 1_000_000);
Task<long> high = Demo.InProcess.CountPrimes(1_000_000, 2_000_000);
Console.WriteLine($"primes below 2,000,000: {await low + await high} (computed in two child processes)");

Console.WriteLine(string.Join("; ", await Demo.InProcess.GreetAsync(["Ada", "Grace"])));

// A failure in the child arrives with the child's exception type, message and stack trace.
try
{
    await Demo.InProcess.Divide(1, 0);
}
catch (RemoteException error)
{
    Console.WriteLine($"the child threw {error.RemoteType}: {error.Message}");
    Console.WriteLine(error.RemoteStackTrace);
}
