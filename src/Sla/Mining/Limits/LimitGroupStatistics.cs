using System.Globalization;
using Tongguan.Workflows.Model;

namespace Tongguan.Sla.Mining.Limits;

/// <summary>
/// What a recommendation is made from, for one process × step × category (× org unit): the counts and quantiles of the
/// group's completed steps. The streaming path computes them from its samples; the PostgreSQL path reads them from SQL
/// aggregates. Durations are in <see cref="Calendar"/>, the kind of time of the group's latest limit.
/// </summary>
/// <param name="ProcessKey">The process definition's key.</param>
/// <param name="StepId">The step's BPMN node id.</param>
/// <param name="Category">The cases' category code.</param>
/// <param name="OrgUnit">Null for the group of all departments.</param>
/// <param name="SampleSize">Completed steps in the group.</param>
/// <param name="Calendar">The kind of time of the latest step's limit (the one that opened last).</param>
/// <param name="LatestLimit">The latest step's limit; null when it had none.</param>
/// <param name="MixedLimits">The steps of the group had more than one (limit, kind of time).</param>
/// <param name="Breached">Steps whose deadline fired before completion.</param>
/// <param name="Median">Median duration.</param>
/// <param name="P80">80th percentile.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Quantile">The quantile of <see cref="LimitRecommenderOptions.Quantile"/>.</param>
/// <param name="EarlierMedian">Median of the earlier half of the steps in opening order; null below four steps.</param>
/// <param name="LaterMedian">Median of the later half; null below four steps.</param>
public sealed record LimitGroupStatistics(
    string ProcessKey,
    string StepId,
    string Category,
    string? OrgUnit,
    int SampleSize,
    CalendarKind Calendar,
    string? LatestLimit,
    bool MixedLimits,
    int Breached,
    TimeSpan Median,
    TimeSpan P80,
    TimeSpan P90,
    TimeSpan P95,
    TimeSpan Quantile,
    TimeSpan? EarlierMedian,
    TimeSpan? LaterMedian);

/// <summary>The decision rules of <see cref="LimitRecommender"/>, shared by the streaming and the set-based paths.</summary>
internal static class LimitDecisions
{
    /// <summary>Today's limit in the group's kind of time (null when none) and the rounded proposal from the quantile.</summary>
    public static (TimeSpan? Current, TimeSpan Proposal) Thresholds(DurationMeter meter, LimitRecommenderOptions options, LimitGroupStatistics s) =>
        (s.LatestLimit is { } limit ? meter.LengthOf(limit, s.Calendar) : null,
         LimitRounding.RoundUp(s.Quantile * (1 + options.Margin), meter.DayOf(s.Calendar)));

    public static IReadOnlyList<LimitRecommendation> Recommend(
        DurationMeter meter,
        LimitRecommenderOptions options,
        IEnumerable<LimitGroupStatistics> groups,
        Func<LimitGroupStatistics, TimeSpan, double> shareAbove)
    {
        var all = groups.ToList();
        var overall = all.Where(g => g.OrgUnit is null).ToDictionary(g => (g.ProcessKey, g.StepId, g.Category), g => g.SampleSize);
        return [.. all
            .Where(g => g.OrgUnit is null
                || (g.SampleSize >= options.DepartmentMinSample
                    && g.SampleSize < overall[(g.ProcessKey, g.StepId, g.Category)]))
            .OrderBy(g => g.ProcessKey, StringComparer.Ordinal)
            .ThenBy(g => g.StepId, StringComparer.Ordinal)
            .ThenBy(g => g.Category, StringComparer.Ordinal)
            .ThenBy(g => g.OrgUnit is not null)
            .ThenBy(g => g.OrgUnit, StringComparer.Ordinal)
            .Select(g => Recommend(meter, options, g, limit => shareAbove(g, limit)))];
    }

    private static LimitRecommendation Recommend(DurationMeter meter, LimitRecommenderOptions options, LimitGroupStatistics group, Func<TimeSpan, double> shareAbove)
    {
        var kind = group.Calendar;
        var (current, rounded) = Thresholds(meter, options, group);
        double? exceeded = current is { } c ? shareAbove(c) : null;
        var quantile = group.Quantile;
        var basis = string.Create(
            CultureInfo.InvariantCulture,
            $"p{options.Quantile * 100:0.#} = {Days(meter, quantile, kind)}, plus {options.Margin:P0} margin, rounds up to {Days(meter, rounded, kind)}");

        string recommended;
        TimeSpan length;
        LimitChange change;
        var tooTight = false;
        string reason;
        if (group.LatestLimit is null || current is null)
        {
            (recommended, length, change) = (meter.Format(rounded, kind), rounded, LimitChange.Introduce);
            reason = $"No limit today; {basis}.";
        }
        else if (rounded > current)
        {
            tooTight = exceeded > options.TooTightBreachRate;
            if (tooTight)
            {
                (recommended, length, change) = (meter.Format(rounded, kind), rounded, LimitChange.Loosen);
                reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Limit too tight: {exceeded:P0} of steps took longer than {group.LatestLimit} (more than {options.TooTightBreachRate:P0}); {basis}.");
            }
            else
            {
                (recommended, length, change) = (group.LatestLimit, current.Value, LimitChange.Keep);
                reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{basis}, looser than today's {group.LatestLimit}; kept, as only {exceeded:P0} of steps exceeded it (too tight above {options.TooTightBreachRate:P0}).");
            }
        }
        else if (rounded == current)
        {
            (recommended, length, change) = (group.LatestLimit, current.Value, LimitChange.Keep);
            reason = $"{basis}: today's {group.LatestLimit} fits the history.";
        }
        else
        {
            (recommended, length, change) = (meter.Format(rounded, kind), rounded, LimitChange.Tighten);
            reason = $"{basis}, shorter than today's {group.LatestLimit}.";
        }

        var n = group.SampleSize;
        return new LimitRecommendation(
            group.ProcessKey,
            group.StepId,
            group.Category,
            group.OrgUnit,
            n,
            kind,
            group.LatestLimit,
            current,
            group.Median,
            group.P80,
            group.P90,
            group.P95,
            group.LatestLimit is null ? null : (double)group.Breached / n,
            exceeded,
            recommended,
            length,
            shareAbove(length),
            change,
            tooTight,
            reason,
            Notes(meter, options, group));
    }

    private static List<ConfidenceNote> Notes(DurationMeter meter, LimitRecommenderOptions options, LimitGroupStatistics group)
    {
        var notes = new List<ConfidenceNote>();
        var n = group.SampleSize;
        var kind = group.Calendar;
        if (n < options.SmallSample)
        {
            notes.Add(new(
                ConfidenceNoteKind.SmallSample,
                string.Create(CultureInfo.InvariantCulture, $"Only {n} completed steps (fewer than {options.SmallSample}); quantiles are rough.")));
        }

        if (group.EarlierMedian is { } earlier && group.LaterMedian is { } later)
        {
            var moved = earlier == TimeSpan.Zero
                ? (later == TimeSpan.Zero ? 0 : double.PositiveInfinity)
                : Math.Abs((later - earlier) / earlier);
            if (moved > options.DriftThreshold)
            {
                notes.Add(new(
                    ConfidenceNoteKind.Drift,
                    $"The median moved from {Days(meter, earlier, kind)} in the earlier half of the history to {Days(meter, later, kind)} in the later half; recent cases may not behave like the old ones."));
            }
        }

        if (group.P95 > group.Median * options.HeavyTailRatio)
        {
            notes.Add(new(
                ConfidenceNoteKind.HeavyTail,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Heavy tail: p95 {Days(meter, group.P95, kind)} is more than {options.HeavyTailRatio:0.#} × the median {Days(meter, group.Median, kind)}; a few cases take far longer than the rest.")));
        }

        if (group.MixedLimits)
        {
            notes.Add(new(
                ConfidenceNoteKind.MixedLimits,
                $"The limit changed within the history; today's is {group.LatestLimit ?? "none"}, and the recorded breach rate mixes the old and the new."));
        }

        return notes;
    }

    private static string Days(DurationMeter meter, TimeSpan length, CalendarKind kind) => string.Create(
        CultureInfo.InvariantCulture,
        $"{meter.InDays(length, kind):0.##} {(kind == CalendarKind.Business ? "working days" : "days")}");
}
