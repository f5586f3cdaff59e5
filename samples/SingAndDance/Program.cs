// Sing and dance: keyword arguments, and a daemon next to a non-daemon child.
//
//     def sing(song, times):
//         for i in range(times):
//             print(f'singer {os.getpid()}: {song} ({i + 1}/{times})'); time.sleep(0.3)
//         print(f'singer {os.getpid()}: done')
//
//     def dance(style):
//         while True:
//             print(f'dancer {os.getpid()}: {style}'); time.sleep(0.2)
//
//     if __name__ == '__main__':
//         Process(target=sing, kwargs={'song': 'la la la', 'times': 3}).start()  # joined at exit
//         Process(target=dance, kwargs={'style': 'tango'}, daemon=True).start()  # killed at exit
//         print('main returns')

using Parallelize;
using SingAndDance;

// Named arguments to the generated factories play the part of kwargs. Neither child is disposed: disposing a
// ChildProcess kills it, and the point here is what happens to each when Main returns.
var singer = ChildProcess.Start(
    Performer.Calls.Sing(song: "la la la", times: 3),
    new ChildProcessOptions { Name = "singer", Daemon = false });
var dancer = ChildProcess.Start(
    Performer.Calls.Dance(style: "tango"),
    new ChildProcessOptions { Name = "dancer", Daemon = true });

Console.WriteLine($"main {ProcessContext.Pid}: {singer.Name} is pid {singer.Pid} (daemon: no), {dancer.Name} is pid {dancer.Pid} (daemon: yes)");
Console.WriteLine("main returns");

// After this, the process waits for the singer to finish (Python joins non-daemon children at exit); the dancer
// dances on meanwhile, and exits at once when this process does.
