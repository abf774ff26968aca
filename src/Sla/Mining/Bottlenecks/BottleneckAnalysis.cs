using System.Runtime.InteropServices;
using Tongguan.Sla.Calendar;

namespace Tongguan.Sla.Mining.Bottlenecks;

/// <summary>
/// Which steps (and which org units) of a process the time goes to: steps opened in <c>[From, To)</c> of the process
/// <paramref name="ProcessKey"/> (every process when null).
/// </summary>
/// <param name="ProcessKey">The process to analyse; every process when null.</param>
/// <param name="From">First instant a counted step may have opened at; unbounded when null.</param>
/// <param name="To">Steps opened at or after this instant are not counted; unbounded when null.</param>
/// <param name="AsOf">Open steps are measured up to this instant; when null they are left out.</param>
public sealed record BottleneckQuery(
    string? ProcessKey = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    DateTimeOffset? AsOf = null);

/// <summary>
/// Where the time of one step (<see cref="StepId"/> set) or one org unit (<see cref="OrgUnit"/> set) goes, in working
/// time of the business calendar, suspensions excluded.
/// </summary>
/// <param name="Rank">Place by <see cref="OverdueShare"/>, then by total time; equal on both shares a rank (1, 2, 2, 4).</param>
/// <param name="ProcessKey">The step's process; for org units, the query's process (null when the query spans every process).</param>
/// <param name="StepId">The step's BPMN node id; null in the org-unit list.</param>
/// <param name="OrgUnit">The org unit; null in the step list.</param>
/// <param name="Executions">Step executions counted (a step handled twice counts twice).</param>
/// <param name="Waiting">Queue time: from the task opening to an officer claiming it (zero when it was never claimed).</param>
/// <param name="Working">Working time: from the claim (or the opening, when never claimed) to completion.</param>
/// <param name="Returns">Executions that ended by sending the task back (退回).</param>
/// <param name="Reworks">Executions that were reworks (返工).</param>
/// <param name="OverdueExecutions">Executions in cases that ended overdue.</param>
/// <param name="OverdueTime">Waiting plus working time spent in cases that ended overdue.</param>
/// <param name="OverdueShare">This entry's <paramref name="OverdueTime"/> ÷ the overdue time of all entries of its list; 0 when there is none.</param>
public sealed record BottleneckEntry(
    int Rank,
    string? ProcessKey,
    string? StepId,
    string? OrgUnit,
    int Executions,
    TimeSpan Waiting,
    TimeSpan Working,
    int Returns,
    int Reworks,
    int OverdueExecutions,
    TimeSpan OverdueTime,
    double OverdueShare)
{
    public TimeSpan Total => Waiting + Working;

    public TimeSpan MeanWaiting => Executions == 0 ? TimeSpan.Zero : Waiting / Executions;

    public TimeSpan MeanWorking => Executions == 0 ? TimeSpan.Zero : Working / Executions;

    /// <summary>Share of the total time spent waiting in a queue rather than being worked on.</summary>
    public double WaitingShare => Total == TimeSpan.Zero ? 0 : Waiting / Total;
}

/// <summary>Per step and per org unit, ranked: the ones that contribute most to overdue cases first.</summary>
public sealed record BottleneckReport(
    BottleneckQuery Query,
    IReadOnlyList<BottleneckEntry> Steps,
    IReadOnlyList<BottleneckEntry> OrgUnits,
    TimeSpan OverdueTime);

/// <summary>
/// Bottleneck analysis (堵点): one pass over <see cref="StepRecord"/>s, counters per step and per org unit (memory grows
/// with their number only). A case "ended overdue" when its <see cref="CaseRecord.Overdue"/> flag is set; the caller
/// passes those case ids (<see cref="OverdueCases"/> builds the set from case rows). Thread-safe.
/// </summary>
public sealed class BottleneckAnalysis
{
    private readonly DurationMeter _meter;

    public BottleneckAnalysis(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _meter = new DurationMeter(calendar);
    }

    /// <summary>The ids of the cases whose <see cref="CaseRecord.Overdue"/> flag is set.</summary>
    public static IReadOnlySet<string> OverdueCases(IEnumerable<CaseRecord> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases.Where(c => c.Overdue).Select(c => c.CaseId).ToHashSet(StringComparer.Ordinal);
    }

    public BottleneckReport Analyse(IEnumerable<StepRecord> steps, IReadOnlySet<string> overdueCases, BottleneckQuery query)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var tally = new Tally(_meter, overdueCases, query);
        foreach (var step in steps)
        {
            tally.Add(step);
        }

        return tally.Complete();
    }

    public async Task<BottleneckReport> AnalyseAsync(
        IAsyncEnumerable<StepRecord> steps,
        IReadOnlySet<string> overdueCases,
        BottleneckQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var tally = new Tally(_meter, overdueCases, query);
        await foreach (var step in steps.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            tally.Add(step);
        }

        return tally.Complete();
    }

    private sealed class Tally
    {
        private readonly DurationMeter _meter;
        private readonly IReadOnlySet<string> _overdueCases;
        private readonly BottleneckQuery _query;
        private readonly Dictionary<(string Process, string Step), Counters> _steps = [];
        private readonly Dictionary<string, Counters> _orgUnits = new(StringComparer.Ordinal);

        public Tally(DurationMeter meter, IReadOnlySet<string> overdueCases, BottleneckQuery query)
        {
            ArgumentNullException.ThrowIfNull(overdueCases);
            ArgumentNullException.ThrowIfNull(query);
            _meter = meter;
            _overdueCases = overdueCases;
            _query = query;
        }

        public void Add(StepRecord step)
        {
            ArgumentNullException.ThrowIfNull(step);
            if ((_query.ProcessKey is { } process && !string.Equals(step.ProcessKey, process, StringComparison.Ordinal))
                || (_query.From is { } from && step.CreatedAt < from)
                || (_query.To is { } to && step.CreatedAt >= to))
            {
                return;
            }

            if ((step.CompletedAt ?? _query.AsOf) is not { } end)
            {
                return;
            }

            var claimed = step.ClaimedAt is { } c ? (c < end ? c : end) : step.CreatedAt;
            var waiting = _meter.Business(step.CreatedAt, claimed, step.Pauses);
            var working = _meter.Business(claimed, end, step.Pauses);
            var overdue = _overdueCases.Contains(step.CaseId);
            CountersOf(_steps, (step.ProcessKey, step.StepId)).Add(step, waiting, working, overdue);
            CountersOf(_orgUnits, step.OrgUnit).Add(step, waiting, working, overdue);
        }

        public BottleneckReport Complete()
        {
            var overdueTime = _steps.Values.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.OverdueTime);
            var steps = Ranked(_steps.Select(s => s.Value.ToEntry(s.Key.Process, s.Key.Step, null, overdueTime)));
            var orgUnits = Ranked(_orgUnits.Select(u => u.Value.ToEntry(_query.ProcessKey, null, u.Key, overdueTime)));
            return new BottleneckReport(_query, steps, orgUnits, overdueTime);
        }

        private static List<BottleneckEntry> Ranked(IEnumerable<BottleneckEntry> entries)
        {
            var ordered = entries
                .OrderByDescending(e => e.OverdueShare)
                .ThenByDescending(e => e.Total)
                .ThenBy(e => e.ProcessKey, StringComparer.Ordinal)
                .ThenBy(e => e.StepId ?? e.OrgUnit, StringComparer.Ordinal)
                .ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var tied = i > 0 && ordered[i].OverdueShare == ordered[i - 1].OverdueShare && ordered[i].Total == ordered[i - 1].Total;
                ordered[i] = ordered[i] with { Rank = tied ? ordered[i - 1].Rank : i + 1 };
            }

            return ordered;
        }

        private static Counters CountersOf<TKey>(Dictionary<TKey, Counters> map, TKey key)
            where TKey : notnull
        {
            ref var counters = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out var exists);
            if (!exists)
            {
                counters = new Counters();
            }

            return counters!;
        }
    }

    private sealed class Counters
    {
        private int _executions;
        private TimeSpan _waiting;
        private TimeSpan _working;
        private int _returns;
        private int _reworks;
        private int _overdueExecutions;

        public TimeSpan OverdueTime { get; private set; }

        public void Add(StepRecord step, TimeSpan waiting, TimeSpan working, bool overdue)
        {
            _executions++;
            _waiting += waiting;
            _working += working;
            _returns += step.Returned ? 1 : 0;
            _reworks += step.Reworked ? 1 : 0;
            if (overdue)
            {
                _overdueExecutions++;
                OverdueTime += waiting + working;
            }
        }

        public BottleneckEntry ToEntry(string? process, string? stepId, string? orgUnit, TimeSpan overdueTotal) => new(
            0,
            process,
            stepId,
            orgUnit,
            _executions,
            _waiting,
            _working,
            _returns,
            _reworks,
            _overdueExecutions,
            OverdueTime,
            overdueTotal == TimeSpan.Zero ? 0 : OverdueTime / overdueTotal);
    }
}
