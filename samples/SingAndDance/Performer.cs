using Parallelize;

namespace SingAndDance;

/// <summary>Python's <c>sing</c> and <c>dance</c>.</summary>
public static partial class Performer
{
    /// <summary>Sings <paramref name="song"/> <paramref name="times"/> times, then says it is done.</summary>
    [RunInProcess]
    public static void Sing(string song, int times)
    {
        for (int i = 1; i <= times; i++)
        {
            Console.WriteLine($"singer {ProcessContext.Pid}: {song} ({i}/{times})");
            Thread.Sleep(300);
        }

        Console.WriteLine($"singer {ProcessContext.Pid}: done");
    }

    /// <summary>Dances forever: only the end of its parent stops it.</summary>
    [RunInProcess]
    public static void Dance(string style)
    {
        while (true)
        {
            Console.WriteLine($"dancer {ProcessContext.Pid}: {style}");
            Thread.Sleep(200);
        }
    }
}
