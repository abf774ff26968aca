using System.Runtime.InteropServices;
using Tongguan.Sla.Calendar;

namespace Tongguan.Sla.Mining.Kpis;

/// <summary>
/// Computes the KPIs of <see cref="KpiDefinitions"/> over a stream of <see cref="CaseRecord"/>s in one pass: counters
/// per (group, period), so memory grows with the number of groups — except the handling-time quantiles, which are
/// exact and keep one duration per closed case of the group (8 bytes each; a year of a big city's cases is tens of
/// megabytes). Thread-safe; each calculation has its own <see cref="KpiAccumulator"/>.
/// </summary>
public sealed class KpiCalculator
{
    private readonly DurationMeter _meter;

    public KpiCalculator(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _meter = new DurationMeter(calendar);
    }

    /// <summary>An empty accumulator for <paramref name="query"/>, for callers that feed records in batches.</summary>
    public KpiAccumulator Begin(KpiQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new KpiAccumulator(_meter, query);
    }

    public KpiReport Calculate(IEnumerable<CaseRecord> cases, KpiQuery query)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var accumulator = Begin(query);
        foreach (var record in cases)
        {
            accumulator.Add(record);
        }

        return accumulator.Complete();
    }

    public async Task<KpiReport> CalculateAsync(
        IAsyncEnumerable<CaseRecord> cases,
        KpiQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var accumulator = Begin(query);
        await foreach (var record in cases.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Add(record);
        }

        return accumulator.Complete();
    }
}

/// <summary>Running KPI counters of one calculation. Not thread-safe: feed it from one reader.</summary>
public sealed class KpiAccumulator
{
    private readonly DurationMeter _meter;
    private readonly KpiQuery _query;
    private readonly Dictionary<(KpiGroup Group, ReportPeriod Period), Counters> _groups = [];

    internal KpiAccumulator(DurationMeter meter, KpiQuery query)
    {
        _meter = meter;
        _query = query;
    }

    /// <summary>Counts <paramref name="record"/> when it was reported inside the query's range.</summary>
    public void Add(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if ((_query.From is { } from && record.ReportedAt < from) || (_query.To is { } to && record.ReportedAt >= to))
        {
            return;
        }

        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(record.ReportedAt, _meter.Calendar.TimeZone).DateTime);
        var key = (KpiGroup.Of(record, _query.Dimensions), ReportPeriod.Containing(localDate, _query.Period));
        ref var counters = ref CollectionsMarshal.GetValueRefOrAddDefault(_groups, key, out var exists);
        if (!exists)
        {
            counters = new Counters();
        }

        counters!.Add(record, _query.AsOf, _meter);
    }

    /// <summary>The report: one row per (group, period), ordered by group and then period.</summary>
    public KpiReport Complete()
    {
        var rows = _groups
            .OrderBy(g => g.Key.Group.ToString(), StringComparer.Ordinal)
            .ThenBy(g => g.Key.Period.Start)
            .Select(g => new KpiGroupResult(g.Key.Group, g.Key.Period, g.Value.Values()))
            .ToList();
        return new KpiReport(_query, rows);
    }

    private sealed class Counters
    {
        private readonly List<TimeSpan> _handlingTimes = [];
        private long _cases;
        private long _responseDue;
        private long _respondedOnTime;
        private long _closed;
        private long _resolved;
        private long _rated;
        private long _satisfied;
        private long _closedOnTime;
        private long _overdue;
        private long _reworked;

        public void Add(CaseRecord record, DateTimeOffset? asOf, DurationMeter meter)
        {
            _cases++;
            if (record.Overdue)
            {
                _overdue++;
            }

            if (record.RespondedAt is { } responded)
            {
                _responseDue++;
                if (record.ResponseDueAt is not { } due || responded <= due)
                {
                    _respondedOnTime++;
                }
            }
            else if (!(asOf is { } now && record.ResponseDueAt is { } due && due > now))
            {
                _responseDue++;
            }

            if (record.Satisfaction != Satisfaction.None)
            {
                _rated++;
                if (record.Satisfaction is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied)
                {
                    _satisfied++;
                }
            }

            if (record.ClosedAt is not { } closedAt)
            {
                return;
            }

            _closed++;
            if (record.Resolved)
            {
                _resolved++;
            }

            if (!record.Overdue)
            {
                _closedOnTime++;
            }

            if (record.ReworkCount > 0)
            {
                _reworked++;
            }

            _handlingTimes.Add(meter.Business(record.ReportedAt, closedAt, record.Pauses));
        }

        public IReadOnlyList<KpiValue> Values()
        {
            _handlingTimes.Sort();
            return
            [
                KpiValue.Ratio(Kpi.ResponseRate, _respondedOnTime, _responseDue),
                KpiValue.Ratio(Kpi.ResolutionRate, _resolved, _closed),
                KpiValue.Ratio(Kpi.SatisfactionRate, _satisfied, _rated),
                KpiValue.Ratio(Kpi.OnTimeCompletionRate, _closedOnTime, _closed),
                KpiValue.Ratio(Kpi.OverdueRate, _overdue, _cases),
                KpiValue.Ratio(Kpi.ReworkRate, _reworked, _closed),
                HandlingTime(Kpi.MedianHandlingTime, 0.5),
                HandlingTime(Kpi.P90HandlingTime, 0.9),
            ];
        }

        private KpiValue HandlingTime(Kpi kpi, double quantile) => new(
            KpiDefinitions.Of(kpi),
            _handlingTimes.Count == 0 ? null : Quantiles.Of(_handlingTimes, quantile).TotalHours,
            null,
            _handlingTimes.Count);
    }
}
