using System.Diagnostics;
using System.Globalization;
using Tongguan.Cases.Dedup;
using Tongguan.Cases.Dedup.Synthetic;

namespace Tongguan.Bench.Dedup;

/// <summary>
/// The <c>dedup</c> command: the duplicate check at intake against a large open-case load. Fills an
/// <see cref="OpenCaseIndex"/> with N open cases (default 1,000,000) spread over a 30 km × 30 km city and the last
/// 90 days, then times M intakes (bucket lookup + time window + scoring) one after the other and prints the mean,
/// p50 and p99 per intake and the candidates scored per intake. The texts and categories come from the labelled
/// synthetic set, so scoring does the same text work as in production.
/// </summary>
public static class DedupLookupBenchmark
{
    private const double CityMetres = 30_000;
    private const double SouthLatitude = 30.10;
    private const double WestLongitude = 119.95;
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 0, 0, TimeSpan.FromHours(8));

    public static int Run(BenchArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var caseCount = args.Count("cases", 1_000_000);
        var intakes = args.Count("intakes", 20_000);
        var pool = LabelledReportSet.Generate().Select(r => r.Report).ToArray();
        var random = new Random(42);
        var detector = new DuplicateDetector(new DedupOptions());

        var fill = Stopwatch.StartNew();
        var index = new OpenCaseIndex();
        for (var i = 0; i < caseCount; i++)
        {
            var template = pool[random.Next(pool.Length)];
            var (latitude, longitude) = RandomPlace(random);
            index.Upsert(new OpenCase(
                string.Create(CultureInfo.InvariantCulture, $"C{i:D7}"), template.CategoryCode, template.CategoryName, latitude, longitude,
                Now - TimeSpan.FromHours(random.NextDouble() * 90 * 24), template.Text, template.Channel));
        }

        fill.Stop();
        var memory = GC.GetTotalMemory(forceFullCollection: true);

        // Warm-up: JIT and the lazily built text profiles of the first candidates.
        for (var i = 0; i < 1_000; i++)
        {
            index.Detect(detector, RandomReport(random, pool));
        }

        var latencies = new double[intakes];
        long candidates = 0;
        var suggestions = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < intakes; i++)
        {
            var report = RandomReport(random, pool);
            var started = Stopwatch.GetTimestamp();
            var result = index.Detect(detector, report);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            suggestions += result.Decision == DedupDecision.None ? 0 : 1;
            candidates += index.CandidatesNear(
                report.Latitude, report.Longitude, report.ReportedAt, detector.Options.RadiusMetres, detector.Options.TimeWindow).Count();
        }

        total.Stop();
        Array.Sort(latencies);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"| dedup lookup + scoring, {caseCount:N0} open cases in {index.BucketCount:N0} buckets | {latencies.Average():0.0} µs mean, {latencies[intakes / 2]:0.0} µs p50, {latencies[(int)(intakes * 0.99)]:0.0} µs p99 | {(double)candidates / intakes:0.0} candidates per intake in the window, {100.0 * suggestions / intakes:0.0} % with a suggestion; index filled in {fill.Elapsed.TotalSeconds:0.0} s, {memory / (1024.0 * 1024):0} MiB managed heap |");
        var table = $"### Duplicate check at intake\n\n| benchmark | per intake (one thread) | notes |\n| --- | --- | --- |\n{line}\n";
        Console.WriteLine(table);
        if (args.Value("out") is { } path)
        {
            File.WriteAllText(path, table);
        }

        return 0;
    }

    private static IncomingReport RandomReport(Random random, IncomingReport[] pool)
    {
        var template = pool[random.Next(pool.Length)];
        var (latitude, longitude) = RandomPlace(random);
        return template with { Latitude = latitude, Longitude = longitude, ReportedAt = Now };
    }

    private static (double Latitude, double Longitude) RandomPlace(Random random)
    {
        var latitude = SouthLatitude + (random.NextDouble() * CityMetres / GeoDistance.MetresPerDegree);
        var longitude = WestLongitude + (random.NextDouble() * CityMetres / (GeoDistance.MetresPerDegree * Math.Cos(latitude * Math.PI / 180)));
        return (latitude, longitude);
    }
}
