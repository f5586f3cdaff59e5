// Python's multiprocessing docs, "Exchanging objects between processes", Pipes:
//
//     from multiprocessing import Process, Pipe
//
//     def f(conn):
//         conn.send([42, None, 'hello'])
//         conn.close()
//
//     if __name__ == '__main__':
//         parent_conn, child_conn = Pipe()
//         p = Process(target=f, args=(child_conn,))
//         p.start()
//         print(parent_conn.recv())   # prints "[42, None, 'hello']"
//         p.join()

using Parallelize;
using PipeHello;

// A tuple stands for Python's list: any type that can cross a process boundary can go through a pipe.
var (parentConn, childConn) = ProcessPipe.Create<(int, int?, string)>();
using (parentConn)
using (childConn)
{
    await using ChildProcess p = ChildProcess.Start(Sender.Calls.F(childConn));
    (int number, int? nothing, string text) = parentConn.Receive();
    Console.WriteLine($"[{number}, {nothing?.ToString() ?? "None"}, '{text}']");   // prints "[42, None, 'hello']"
    await p.JoinAsync();
}
