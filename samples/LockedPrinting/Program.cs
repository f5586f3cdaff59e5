// Python's multiprocessing docs, "Synchronization between processes":
//
//     from multiprocessing import Process, Lock
//
//     def f(l, i):
//         l.acquire()
//         try:
//             print('hello world', i)
//         finally:
//             l.release()
//
//     if __name__ == '__main__':
//         lock = Lock()
//         for num in range(10):
//             Process(target=f, args=(lock, num)).start()

using Parallelize;
using LockedPrinting;

using var @lock = new ProcessLock();
var children = new List<ChildProcess>();
for (int num = 0; num < 10; num++)
{
    children.Add(ChildProcess.Start(Printer.Calls.F(@lock, num)));
}

// Python joins its (non-daemon) children at exit; here the parent joins them itself, and holds the lock object
// until they are done with it.
foreach (ChildProcess child in children)
{
    await using (child)
    {
        await child.JoinAsync();
    }
}
