using System.Globalization;

namespace StartLatency;

/// <summary>Summaries of one variant's samples, as one JSON line (the fields of the Python anchor's summaries).</summary>
internal static class Samples
{
    public static string JsonLine(string variant, string what, List<double> samples, double loadStart, double loadEnd)
    {
        double[] sorted = [.. samples.Order()];
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double p90 = sorted[(int)(0.9 * (n - 1))];
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"bench\":\"start_latency\",\"variant\":\"{variant}\",\"what\":\"{what}\"," +
            $"\"ms\":{{\"median\":{median:F2},\"min\":{sorted[0]:F2},\"p90\":{p90:F2},\"n\":{n}}}," +
            $"\"samples\":[{string.Join(",", samples.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}]," +
            $"\"loadavg_start_end\":[{loadStart:F2},{loadEnd:F2}]}}");
    }

    /// <summary>The one-minute load average.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
