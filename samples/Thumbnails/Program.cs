using System.Diagnostics;
using Parallelize;
using Spectre.Console;
using Thumbnails.Imaging;

namespace Thumbnails;

/// <summary>
/// Makes thumbnails of PNG files, first one after another on this thread, then across a pool of worker processes,
/// and compares the two. With no input folder it paints its own demo images first, so it runs anywhere. Each way of
/// running the jobs is one pass returning a <see cref="PassReport"/>; the summary compares the passes.
/// </summary>
internal static class Program
{
    private const int MaxSide = 256;

    // About 2 to 5 seconds of serial work on a 2-core machine: enough for parallelism to show, short for a demo.
    private const int DemoImageCount = 24;
    private const int DemoImageWidth = 1600;
    private const int DemoImageHeight = 1200;

    private static async Task<int> Main(string[] args)
    {
        if (args is ["-h" or "--help"] || args.Length > 2)
        {
            PrintUsage();
            return args.Length > 2 ? 2 : 0;
        }

        string? demoFolder = null;
        string? temporaryOutputFolder = null;
        try
        {
            string inputFolder;
            string outputFolder;
            if (args.Length == 2)
            {
                inputFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(args[0]));
                outputFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(args[1]));
                if (FindFolderProblem(inputFolder, outputFolder) is { } problem)
                {
                    Console.Error.WriteLine($"error: {problem}");
                    return 2;
                }
            }
            else
            {
                demoFolder = Directory.CreateTempSubdirectory("thumbnails-demo-").FullName;
                inputFolder = demoFolder;
                CreateDemoImages(demoFolder);
                if (args.Length == 1)
                {
                    outputFolder = Path.GetFullPath(args[0]);
                }
                else
                {
                    temporaryOutputFolder = Directory.CreateTempSubdirectory("thumbnails-output-").FullName;
                    outputFolder = temporaryOutputFolder;
                }
            }

            IReadOnlyList<(string In, string Out)> jobs = PlanJobs(inputFolder, outputFolder);
            if (jobs.Count == 0)
            {
                Console.WriteLine($"no *.png files in {inputFolder}");
                return 0;
            }

            Console.WriteLine($"{jobs.Count} PNG files in {inputFolder} -> thumbnails of at most {MaxSide} px in {outputFolder}");
            PassReport serial = RunSerial(jobs, MaxSide);
            PassReport pooled = await RunOnPoolAsync(jobs, MaxSide);
            PrintSummary([serial, pooled]);
            if (temporaryOutputFolder is null)
            {
                Console.WriteLine($"thumbnails kept in {outputFolder}");
            }

            return serial.Skipped.Count == 0 && pooled.Skipped.Count == 0 ? 0 : 1;
        }
        finally
        {
            DeleteFolder(demoFolder);
            DeleteFolder(temporaryOutputFolder);
        }
    }

    /// <summary>Makes every thumbnail one after another on this thread: the baseline other passes are compared with.</summary>
    private static PassReport RunSerial(IReadOnlyList<(string In, string Out)> jobs, int maxSide)
    {
        var thumbnails = new List<ThumbnailResult>(jobs.Count);
        var skipped = new List<SkippedFile>();
        long started = Stopwatch.GetTimestamp();
        NewProgress().Start(context =>
        {
            ProgressTask task = context.AddTask("serial", maxValue: jobs.Count);
            foreach ((string input, string output) in jobs)
            {
                try
                {
                    thumbnails.Add(ThumbnailJob.MakeThumbnail(input, output, maxSide));
                }
                catch (Exception exception) when (exception is PngFormatException or IOException or UnauthorizedAccessException)
                {
                    skipped.Add(new SkippedFile(input, DescribeFailure(input, exception)));
                }

                task.Increment(1);
            }
        });

        return new PassReport("serial", Stopwatch.GetElapsedTime(started), thumbnails, skipped);
    }

    /// <summary>
    /// Makes the same thumbnails across a pool with one worker process per core. The workers are started and warm
    /// before the clock starts, as a long-lived application's pool would be; their start time is printed apart.
    /// </summary>
    private static async Task<PassReport> RunOnPoolAsync(IReadOnlyList<(string In, string Out)> jobs, int maxSide)
    {
        // Workers compile the codec fully optimized at once: with tiered compilation a fresh worker would run its
        // first images in unoptimized code, which the serial pass, warmed by then, no longer does.
        await using var pool = new ProcessPool(new ProcessPoolOptions
        {
            StartEagerly = true,
            EnvironmentVariables = new Dictionary<string, string?> { ["DOTNET_TieredCompilation"] = "0" },
        });
        long starting = Stopwatch.GetTimestamp();
        await pool.StartAsync();
        Console.WriteLine($"{pool.Options.WorkerCount} worker processes ready in {Stopwatch.GetElapsedTime(starting).TotalMilliseconds:0} ms (pids {string.Join(", ", pool.WorkerProcessIds)})");

        var thumbnails = new List<ThumbnailResult>(jobs.Count);
        var skipped = new List<SkippedFile>();
        long started = Stopwatch.GetTimestamp();
        string name = $"pool of {pool.Options.WorkerCount}";
        await NewProgress().StartAsync(async context =>
        {
            ProgressTask task = context.AddTask(name, maxValue: jobs.Count);
            var options = new MapOptions { ChunkSize = 1, Progress = new ProgressBar(task) };
            double[][] results;
            try
            {
                results = await pool.MapAsync(jobs, job => ThumbnailWorker.Calls.Make(job.In, job.Out, maxSide), options);
            }
            catch (MapFailedException failed)
            {
                // Every other file still became a thumbnail; the failed ones are reported, not fatal.
                results = (double[][])failed.Results;
                foreach (MapItemFailure failure in failed.Failures)
                {
                    skipped.Add(new SkippedFile(jobs[failure.Index].In, DescribeFailure(jobs[failure.Index].In, failure.Error)));
                }
            }

            thumbnails.AddRange(results.Where(numbers => numbers is not null).Select(ThumbnailWorker.ToResult));
        });

        return new PassReport(name, Stopwatch.GetElapsedTime(started), thumbnails, skipped);
    }

    /// <summary>One table row per pass, with its speed-up over the first, then every skipped file.</summary>
    private static void PrintSummary(IReadOnlyList<PassReport> passes)
    {
        var table = new Table()
            .AddColumn("pass")
            .AddColumn(new TableColumn("thumbnails").RightAligned())
            .AddColumn(new TableColumn("skipped").RightAligned())
            .AddColumn(new TableColumn("time").RightAligned())
            .AddColumn(new TableColumn("per image").RightAligned())
            .AddColumn(new TableColumn("speed-up").RightAligned());
        TimeSpan baseline = passes[0].Elapsed;
        foreach (PassReport pass in passes)
        {
            int attempted = pass.Thumbnails.Count + pass.Skipped.Count;
            table.AddRow(
                pass.Name,
                pass.Thumbnails.Count.ToString(),
                pass.Skipped.Count.ToString(),
                $"{pass.Elapsed.TotalSeconds:0.00} s",
                $"{pass.Elapsed.TotalMilliseconds / Math.Max(1, attempted):0} ms",
                $"{baseline / pass.Elapsed:0.00}x");
        }

        AnsiConsole.Write(table);

        // Plain lines: Spectre wraps at the console width (80 columns when redirected), and a reason is one line.
        foreach (PassReport pass in passes)
        {
            foreach (SkippedFile file in pass.Skipped)
            {
                Console.WriteLine($"{pass.Name}: skipped {file.Reason}");
            }
        }
    }

    private static void CreateDemoImages(string folder)
    {
        long started = Stopwatch.GetTimestamp();
        AnsiConsole.Status().Start($"painting {DemoImageCount} demo images of {DemoImageWidth}x{DemoImageHeight}...", _ =>
            DemoImages.Create(folder, DemoImageCount, DemoImageWidth, DemoImageHeight));
        Console.WriteLine($"painted {DemoImageCount} demo images of {DemoImageWidth}x{DemoImageHeight} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    /// <summary>Every *.png (any letter case) in <paramref name="inputFolder"/>, in name order, each with its output path.</summary>
    private static IReadOnlyList<(string In, string Out)> PlanJobs(string inputFolder, string outputFolder)
    {
        Directory.CreateDirectory(outputFolder);
        var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive };
        return Directory.EnumerateFiles(inputFolder, "*.png", options)
            .Order(StringComparer.Ordinal)
            .Select(input => (input, Path.Combine(outputFolder, Path.GetFileName(input))))
            .ToList();
    }

    private static string? FindFolderProblem(string inputFolder, string outputFolder)
    {
        if (!Directory.Exists(inputFolder))
        {
            return $"input folder {inputFolder} does not exist";
        }

        return outputFolder == inputFolder
            ? "the output folder must differ from the input folder, or the thumbnails would replace the originals"
            : null;
    }

    // A PngFormatException's message starts with the file name; in a worker it arrives as a RemoteException.
    private static string DescribeFailure(string inputPath, Exception exception) =>
        exception is PngFormatException or RemoteException { RemoteType: "Thumbnails.Imaging.PngFormatException" }
            ? exception.Message
            : $"{Path.GetFileName(inputPath)}: {exception.Message}";

    /// <summary>The progress display every pass shows, so passes look alike side by side.</summary>
    private static Progress NewProgress() => AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn());

    private static void DeleteFolder(string? folder)
    {
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void PrintUsage()
    {
        Console.WriteLine("""
            usage: Thumbnails                               paint demo images in a temporary folder and shrink them
                   Thumbnails <outputFolder>                the same, keeping the thumbnails in <outputFolder>
                   Thumbnails <inputFolder> <outputFolder>  shrink every *.png in <inputFolder>

            Exit code: 0 when every file became a thumbnail, 1 when some were skipped, 2 on bad arguments.
            """);
    }
}
