using System.Globalization;
using System.Runtime.InteropServices;
using Tongguan.Sla.Calendar;
using Tongguan.Workflows.Model;

namespace Tongguan.Sla.Mining.Limits;

/// <summary>
/// Proposes time limits from the history of completed steps, per process × step × category, and per department too
/// once a department has <see cref="LimitRecommenderOptions.DepartmentMinSample"/> steps of its own. The proposal is
/// the chosen quantile of actual durations plus a margin, rounded up by <see cref="LimitRounding"/>, and never looser
/// than today's limit unless today's is too tight. Durations run from the task opening to its completion, suspensions
/// excluded, in the kind of time of today's limit. Open steps are not counted (their duration is not known yet).
/// Thread-safe; each run has its own <see cref="LimitHistory"/>.
/// </summary>
public sealed class LimitRecommender
{
    private readonly DurationMeter _meter;
    private readonly LimitRecommenderOptions _options;

    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public LimitRecommender(BusinessCalendar calendar, LimitRecommenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _options = options ?? new LimitRecommenderOptions();
        _options.Validate();
        _meter = new DurationMeter(calendar);
    }

    public LimitHistory Begin() => new(_meter, _options);

    /// <exception cref="FormatException">A step's limit is not a supported ISO-8601 duration.</exception>
    public IReadOnlyList<LimitRecommendation> Recommend(IEnumerable<StepRecord> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var history = Begin();
        foreach (var step in steps)
        {
            history.Add(step);
        }

        return history.Recommend();
    }

    /// <exception cref="FormatException">A step's limit is not a supported ISO-8601 duration.</exception>
    public async Task<IReadOnlyList<LimitRecommendation>> RecommendAsync(
        IAsyncEnumerable<StepRecord> steps,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var history = Begin();
        await foreach (var step in steps.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            history.Add(step);
        }

        return history.Recommend();
    }
}

/// <summary>The completed steps of one recommendation run, grouped. Not thread-safe: feed it from one reader.</summary>
public sealed class LimitHistory
{
    private readonly DurationMeter _meter;
    private readonly LimitRecommenderOptions _options;
    private readonly Dictionary<(string Process, string Step, string Category, string? OrgUnit), Group> _groups = [];

    internal LimitHistory(DurationMeter meter, LimitRecommenderOptions options)
    {
        _meter = meter;
        _options = options;
    }

    /// <summary>Counts <paramref name="step"/> when it is completed.</summary>
    public void Add(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.CompletedAt is not { } completed)
        {
            return;
        }

        var sample = new Sample(
            step.CreatedAt,
            _meter.Business(step.CreatedAt, completed, step.Pauses),
            DurationMeter.Natural(step.CreatedAt, completed, step.Pauses),
            step.Breached);
        GroupOf((step.ProcessKey, step.StepId, step.Category, null)).Add(sample, step);
        GroupOf((step.ProcessKey, step.StepId, step.Category, step.OrgUnit)).Add(sample, step);
    }

    /// <summary>
    /// One recommendation per process × step × category, followed by its departments' with enough history — unless
    /// one department did all of it, when its own would repeat the first.
    /// </summary>
    /// <exception cref="FormatException">A step's limit is not a supported ISO-8601 duration.</exception>
    public IReadOnlyList<LimitRecommendation> Recommend() =>
        [.. _groups
            .Where(g => g.Key.OrgUnit is null
                || (g.Value.Samples.Count >= _options.DepartmentMinSample
                    && g.Value.Samples.Count < _groups[(g.Key.Process, g.Key.Step, g.Key.Category, null)].Samples.Count))
            .OrderBy(g => g.Key.Process, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Step, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .ThenBy(g => g.Key.OrgUnit is not null)
            .ThenBy(g => g.Key.OrgUnit, StringComparer.Ordinal)
            .Select(g => Recommend(g.Key.Process, g.Key.Step, g.Key.Category, g.Key.OrgUnit, g.Value))];

    private Group GroupOf((string, string, string, string?) key)
    {
        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(_groups, key, out var exists);
        if (!exists)
        {
            group = new Group();
        }

        return group!;
    }

    private LimitRecommendation Recommend(string process, string step, string category, string? orgUnit, Group group)
    {
        var kind = group.LatestCalendar;
        var durations = group.Samples.Select(s => s.In(kind)).Order().ToList();
        var n = durations.Count;
        var day = _meter.DayOf(kind);
        TimeSpan? current = group.LatestLimit is { } limit ? _meter.LengthOf(limit, kind) : null;
        double? exceeded = current is { } c ? ShareAbove(durations, c) : null;
        var quantile = Quantiles.Of(durations, _options.Quantile);
        var rounded = LimitRounding.RoundUp(quantile * (1 + _options.Margin), day);
        var basis = string.Create(
            CultureInfo.InvariantCulture,
            $"p{_options.Quantile * 100:0.#} = {Days(quantile, kind)}, plus {_options.Margin:P0} margin, rounds up to {Days(rounded, kind)}");

        string recommended;
        TimeSpan length;
        LimitChange change;
        var tooTight = false;
        string reason;
        if (group.LatestLimit is null || current is null)
        {
            (recommended, length, change) = (_meter.Format(rounded, kind), rounded, LimitChange.Introduce);
            reason = $"No limit today; {basis}.";
        }
        else if (rounded > current)
        {
            tooTight = exceeded > _options.TooTightBreachRate;
            if (tooTight)
            {
                (recommended, length, change) = (_meter.Format(rounded, kind), rounded, LimitChange.Loosen);
                reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Limit too tight: {exceeded:P0} of steps took longer than {group.LatestLimit} (more than {_options.TooTightBreachRate:P0}); {basis}.");
            }
            else
            {
                (recommended, length, change) = (group.LatestLimit, current.Value, LimitChange.Keep);
                reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{basis}, looser than today's {group.LatestLimit}; kept, as only {exceeded:P0} of steps exceeded it (too tight above {_options.TooTightBreachRate:P0}).");
            }
        }
        else if (rounded == current)
        {
            (recommended, length, change) = (group.LatestLimit, current.Value, LimitChange.Keep);
            reason = $"{basis}: today's {group.LatestLimit} fits the history.";
        }
        else
        {
            (recommended, length, change) = (_meter.Format(rounded, kind), rounded, LimitChange.Tighten);
            reason = $"{basis}, shorter than today's {group.LatestLimit}.";
        }

        return new LimitRecommendation(
            process,
            step,
            category,
            orgUnit,
            n,
            kind,
            group.LatestLimit,
            current,
            Quantiles.Of(durations, 0.5),
            Quantiles.Of(durations, 0.8),
            Quantiles.Of(durations, 0.9),
            Quantiles.Of(durations, 0.95),
            group.LatestLimit is null ? null : (double)group.Breached / n,
            exceeded,
            recommended,
            length,
            ShareAbove(durations, length),
            change,
            tooTight,
            reason,
            Notes(group, durations, kind));
    }

    private List<ConfidenceNote> Notes(Group group, List<TimeSpan> sorted, CalendarKind kind)
    {
        var notes = new List<ConfidenceNote>();
        var n = sorted.Count;
        if (n < _options.SmallSample)
        {
            notes.Add(new(
                ConfidenceNoteKind.SmallSample,
                string.Create(CultureInfo.InvariantCulture, $"Only {n} completed steps (fewer than {_options.SmallSample}); quantiles are rough.")));
        }

        // Drift: split the history at its middle in the order the steps opened.
        if (n >= 4)
        {
            var chronological = group.Samples.OrderBy(s => s.CreatedAt).Select(s => s.In(kind)).ToList();
            var earlier = Quantiles.Of([.. chronological.Take(n / 2).Order()], 0.5);
            var later = Quantiles.Of([.. chronological.Skip(n / 2).Order()], 0.5);
            var moved = earlier == TimeSpan.Zero
                ? (later == TimeSpan.Zero ? 0 : double.PositiveInfinity)
                : Math.Abs((later - earlier) / earlier);
            if (moved > _options.DriftThreshold)
            {
                notes.Add(new(
                    ConfidenceNoteKind.Drift,
                    $"The median moved from {Days(earlier, kind)} in the earlier half of the history to {Days(later, kind)} in the later half; recent cases may not behave like the old ones."));
            }
        }

        var median = Quantiles.Of(sorted, 0.5);
        var p95 = Quantiles.Of(sorted, 0.95);
        if (p95 > median * _options.HeavyTailRatio)
        {
            notes.Add(new(
                ConfidenceNoteKind.HeavyTail,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Heavy tail: p95 {Days(p95, kind)} is more than {_options.HeavyTailRatio:0.#} × the median {Days(median, kind)}; a few cases take far longer than the rest.")));
        }

        if (group.MixedLimits)
        {
            notes.Add(new(
                ConfidenceNoteKind.MixedLimits,
                $"The limit changed within the history; today's is {group.LatestLimit ?? "none"}, and the recorded breach rate mixes the old and the new."));
        }

        return notes;
    }

    private string Days(TimeSpan length, CalendarKind kind) => string.Create(
        CultureInfo.InvariantCulture,
        $"{_meter.InDays(length, kind):0.##} {(kind == CalendarKind.Business ? "working days" : "days")}");

    private static double ShareAbove(List<TimeSpan> sorted, TimeSpan limit)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        // First index past the limit: everything from there on took longer.
        var index = sorted.BinarySearch(limit);
        var past = index < 0 ? ~index : index + 1;
        while (past < sorted.Count && sorted[past] <= limit)
        {
            past++;
        }

        return (double)(sorted.Count - past) / sorted.Count;
    }

    private readonly record struct Sample(DateTimeOffset CreatedAt, TimeSpan Business, TimeSpan Natural, bool Breached)
    {
        public TimeSpan In(CalendarKind kind) => kind == CalendarKind.Business ? Business : Natural;
    }

    private sealed class Group
    {
        private DateTimeOffset _latestCreatedAt = DateTimeOffset.MinValue;
        private bool _any;

        public List<Sample> Samples { get; } = [];

        public int Breached { get; private set; }

        public string? LatestLimit { get; private set; }

        public CalendarKind LatestCalendar { get; private set; }

        public bool MixedLimits { get; private set; }

        public void Add(Sample sample, StepRecord step)
        {
            Samples.Add(sample);
            if (sample.Breached)
            {
                Breached++;
            }

            if (_any && (!string.Equals(step.Limit, LatestLimit, StringComparison.Ordinal) || step.LimitCalendar != LatestCalendar))
            {
                MixedLimits = true;
            }

            if (!_any || step.CreatedAt >= _latestCreatedAt)
            {
                _latestCreatedAt = step.CreatedAt;
                LatestLimit = step.Limit;
                LatestCalendar = step.LimitCalendar;
            }

            _any = true;
        }
    }
}
