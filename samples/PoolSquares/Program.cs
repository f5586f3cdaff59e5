// Python's multiprocessing docs, the first example:
//
//     from multiprocessing import Pool
//
//     def f(x):
//         return x*x
//
//     if __name__ == '__main__':
//         with Pool(5) as p:
//             print(p.map(f, [1, 2, 3]))

using Parallelize;
using PoolSquares;

int[] numbers = [1, 2, 3];
await using (var p = new ProcessPool(new ProcessPoolOptions { WorkerCount = 5 }))
{
    int[] squares = await p.MapAsync(numbers, Squares.Methods.F);
    Console.WriteLine($"[{string.Join(", ", squares)}]");
}
