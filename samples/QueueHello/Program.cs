// Python's multiprocessing docs, "Exchanging objects between processes", Queues:
//
//     from multiprocessing import Process, Queue
//
//     def f(q):
//         q.put([42, None, 'hello'])
//
//     if __name__ == '__main__':
//         q = Queue()
//         p = Process(target=f, args=(q,))
//         p.start()
//         print(q.get())    # prints "[42, None, 'hello']"
//         p.join()

using Parallelize;
using QueueHello;

using var q = new ProcessQueue<Message>();
await using ChildProcess p = ChildProcess.Start(Sender.Calls.F(q));
Console.WriteLine(q.Get());    // prints "[42, None, 'hello']"
await p.JoinAsync();
