// Python's multiprocessing docs, "The Process class":
//
//     def info(title):
//         print(title)
//         print('module name:', __name__)
//         print('parent process:', os.getppid())
//         print('process id:', os.getpid())
//
//     def f(name):
//         info('function f')
//         print('hello', name)
//
//     if __name__ == '__main__':
//         info('main line')
//         p = Process(target=f, args=('bob',))
//         p.start()
//         p.join()

using Parallelize;
using ProcessIds;

Greeter.Info("main line");
await using ChildProcess p = ChildProcess.Start(Greeter.Calls.F("bob"));
await p.JoinAsync();
