namespace Tongguan.Sla.Mining.Kpis;

/// <summary>The KPIs of one group in one period, in the order of <see cref="Kpi"/>.</summary>
public sealed record KpiGroupResult(KpiGroup Group, ReportPeriod Period, IReadOnlyList<KpiValue> Values)
{
    public KpiValue Get(Kpi kpi) => Values[(int)kpi];
}

/// <summary>One place in a ranking; tied values share the rank and the next rank skips (1, 2, 2, 4).</summary>
public sealed record KpiRankEntry(int Rank, KpiGroup Group, KpiValue Value);

/// <summary>
/// The groups of one period ordered best to worst on one KPI. Groups with no value or a denominator below the
/// ranking's minimum are not ranked; they are listed in <see cref="Unranked"/>.
/// </summary>
public sealed record KpiRanking(Kpi Kpi, ReportPeriod Period, IReadOnlyList<KpiRankEntry> Entries, IReadOnlyList<KpiGroup> Unranked);

/// <summary>
/// One period of a group's series. <see cref="Change"/> is this value minus the previous period's (in the KPI's unit,
/// so 0.05 is five percentage points); null when the group has no value in the period just before.
/// </summary>
public sealed record KpiTrendPoint(ReportPeriod Period, KpiValue Value, double? Change);

/// <summary>A group's values of one KPI, period after period, with the change against the period before.</summary>
public sealed record KpiTrend(Kpi Kpi, KpiGroup Group, IReadOnlyList<KpiTrendPoint> Points);

/// <summary>KPIs per group and period, with rankings and trends derived from them.</summary>
public sealed record KpiReport(KpiQuery Query, IReadOnlyList<KpiGroupResult> Rows)
{
    /// <summary>One ranking per period: the groups ordered best to worst on <paramref name="kpi"/>.</summary>
    /// <param name="kpi">The KPI to rank on; its definition says whether higher is better.</param>
    /// <param name="minimumDenominator">Groups with fewer counted cases are left unranked (one case at 100 % tops nothing).</param>
    public IReadOnlyList<KpiRanking> Rankings(Kpi kpi, long minimumDenominator = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumDenominator);
        var higherIsBetter = KpiDefinitions.Of(kpi).HigherIsBetter;
        return [.. Rows
            .GroupBy(r => r.Period)
            .OrderBy(p => p.Key.Start)
            .Select(period => Rank(kpi, period.Key, period, higherIsBetter, minimumDenominator))];
    }

    /// <summary>One series per group (ordered as the rows), its periods in order.</summary>
    public IReadOnlyList<KpiTrend> Trends(Kpi kpi) =>
        [.. Rows
            .GroupBy(r => r.Group)
            .Select(series =>
            {
                var points = new List<KpiTrendPoint>();
                KpiGroupResult? previous = null;
                foreach (var row in series.OrderBy(r => r.Period.Start))
                {
                    var value = row.Get(kpi);
                    double? change = previous is not null
                        && previous.Period == row.Period.Previous
                        && previous.Get(kpi).Value is { } before
                        && value.Value is { } now
                            ? now - before
                            : null;
                    points.Add(new KpiTrendPoint(row.Period, value, change));
                    previous = row;
                }

                return new KpiTrend(kpi, series.Key, points);
            })];

    private static KpiRanking Rank(
        Kpi kpi,
        ReportPeriod period,
        IEnumerable<KpiGroupResult> rows,
        bool higherIsBetter,
        long minimumDenominator)
    {
        var ranked = new List<(KpiGroup Group, KpiValue Value)>();
        var unranked = new List<KpiGroup>();
        foreach (var row in rows)
        {
            var value = row.Get(kpi);
            if (value.Value is null || value.Denominator < minimumDenominator)
            {
                unranked.Add(row.Group);
            }
            else
            {
                ranked.Add((row.Group, value));
            }
        }

        var ordered = (higherIsBetter
                ? ranked.OrderByDescending(r => r.Value.Value)
                : ranked.OrderBy(r => r.Value.Value))
            .ThenBy(r => r.Group.ToString(), StringComparer.Ordinal)
            .ToList();
        var entries = new List<KpiRankEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Value.Value == ordered[i - 1].Value.Value ? entries[i - 1].Rank : i + 1;
            entries.Add(new KpiRankEntry(rank, ordered[i].Group, ordered[i].Value));
        }

        return new KpiRanking(kpi, period, entries, unranked);
    }
}
