namespace Tongguan.Bench.Soak;

/// <summary>One figure's early and late medians and whether the change stays within its tolerance.</summary>
public sealed record VerdictLine(string Figure, double Early, double Late, double Change, double Tolerance, bool Flat);

/// <summary>
/// Flat or not: the median of each figure over the last sixth of the run (the last 10 minutes of an hour) against its
/// median over minutes 5–15 of an hour (scaled for other lengths) — after warm-up, when the JIT, the connection pools
/// and the caches have settled, but before any slow growth has had time to show.
/// </summary>
/// <summary>One request kind's early and late medians of its per-minute p50 and p99 — to find what grows, not judged.</summary>
public sealed record KindLine(string Kind, double EarlyP50, double LateP50, double EarlyP99, double LateP99)
{
    public double P99Change => EarlyP99 > 0 ? (LateP99 - EarlyP99) / EarlyP99 : 0;
}

public sealed record Verdict(string Early, string Late, IReadOnlyList<VerdictLine> Lines)
{
    public IReadOnlyList<KindLine> Kinds { get; init; } = [];

    public bool Flat => Lines.All(l => l.Flat);

    public static Verdict Of(IReadOnlyList<Sample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var n = samples.Count;
        var earlyFrom = Math.Max(1, (int)Math.Round(n * 5 / 60.0));
        var earlyTo = Math.Max(earlyFrom, (int)Math.Round(n * 15 / 60.0));
        var lateFrom = Math.Max(earlyTo + 1, n - Math.Max(1, n / 6) + 1);
        var early = samples.Where(s => s.Minute >= earlyFrom && s.Minute <= earlyTo).ToList();
        var late = samples.Where(s => s.Minute >= lateFrom).ToList();
        return new Verdict($"{earlyFrom}–{earlyTo}", $"{lateFrom}–{n}",
        [
            Line("RSS MiB", early, late, s => s.RssMiB, 0.20),
            Line("Managed heap MiB (GC.GetTotalMemory)", early, late, s => s.ManagedMiB, 0.30),
            Line("Handling path p50 latency ms", early, late, s => s.P50, 0.50),
            Line("Handling path p99 latency ms", early, late, s => s.P99, 1.00),
        ])
        {
            Kinds = Soak.Kinds.All
                .Where(kind => samples.Any(s => s.Kinds.ContainsKey(kind)))
                .Select(kind => new KindLine(
                    kind,
                    Median(early.Where(s => s.Kinds.ContainsKey(kind)).Select(s => s.Kinds[kind].P50)),
                    Median(late.Where(s => s.Kinds.ContainsKey(kind)).Select(s => s.Kinds[kind].P50)),
                    Median(early.Where(s => s.Kinds.ContainsKey(kind)).Select(s => s.Kinds[kind].P99)),
                    Median(late.Where(s => s.Kinds.ContainsKey(kind)).Select(s => s.Kinds[kind].P99))))
                .ToList(),
        };
    }

    private static VerdictLine Line(string figure, List<Sample> early, List<Sample> late, Func<Sample, double> value, double tolerance)
    {
        var before = Median(early.Select(value));
        var after = Median(late.Select(value));
        var change = before > 0 ? (after - before) / before : 0;
        // Too few samples to judge is not flat.
        var flat = early.Count > 0 && late.Count > 0 && before > 0 && change <= tolerance;
        return new VerdictLine(figure, before, after, change, tolerance, flat);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>The Soak section of bench/RESULTS.md, between its markers, replaced in place (a full bench run keeps it).</summary>
public static class SoakSection
{
    public const string Begin = "<!-- soak:begin -->";
    public const string End = "<!-- soak:end -->";

    public static async Task WriteAsync(string path, string section, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(section);
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : "";
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        text = begin >= 0 && end > begin
            ? text[..begin] + section.TrimEnd() + text[(end + End.Length)..]
            : text.TrimEnd() + Environment.NewLine + Environment.NewLine + section;
        await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
    }
}
