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

    /// <summary>Today's limit of a group in its kind of time (null when none) and the rounded proposal from its quantile:
    /// the two lengths whose share of longer steps <see cref="Recommend(IEnumerable{LimitGroupStatistics}, Func{LimitGroupStatistics, TimeSpan, double})"/> asks for.</summary>
    /// <exception cref="FormatException">The group's limit is not a supported ISO-8601 duration.</exception>
    public (TimeSpan? Current, TimeSpan Proposal) Thresholds(LimitGroupStatistics group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return LimitDecisions.Thresholds(_meter, _options, group);
    }

    /// <summary>
    /// Recommendations from statistics computed elsewhere (set-based, in SQL), with the same rules as the streaming path.
    /// </summary>
    /// <param name="groups">Every process × step × category group and every org-unit subgroup.</param>
    /// <param name="shareAbove">
    /// The share of a group's completed steps that took longer than a length; asked only for the lengths of
    /// <see cref="Thresholds"/>.
    /// </param>
    /// <exception cref="FormatException">A group's limit is not a supported ISO-8601 duration.</exception>
    public IReadOnlyList<LimitRecommendation> Recommend(IEnumerable<LimitGroupStatistics> groups, Func<LimitGroupStatistics, TimeSpan, double> shareAbove)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(shareAbove);
        return LimitDecisions.Recommend(_meter, _options, groups, shareAbove);
    }

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
    public IReadOnlyList<LimitRecommendation> Recommend()
    {
        var sorted = new Dictionary<LimitGroupStatistics, List<TimeSpan>>();
        foreach (var (key, group) in _groups)
        {
            var kind = group.LatestCalendar;
            var durations = group.Samples.Select(s => s.In(kind)).Order().ToList();
            TimeSpan? earlier = null;
            TimeSpan? later = null;
            var n = durations.Count;
            if (n >= 4)
            {
                // Drift: split the history at its middle in the order the steps opened.
                var chronological = group.Samples.OrderBy(s => s.CreatedAt).Select(s => s.In(kind)).ToList();
                earlier = Quantiles.Of([.. chronological.Take(n / 2).Order()], 0.5);
                later = Quantiles.Of([.. chronological.Skip(n / 2).Order()], 0.5);
            }

            var statistics = new LimitGroupStatistics(
                key.Process, key.Step, key.Category, key.OrgUnit, n, kind, group.LatestLimit, group.MixedLimits, group.Breached,
                Quantiles.Of(durations, 0.5), Quantiles.Of(durations, 0.8), Quantiles.Of(durations, 0.9), Quantiles.Of(durations, 0.95),
                Quantiles.Of(durations, _options.Quantile), earlier, later);
            sorted.Add(statistics, durations);
        }

        return LimitDecisions.Recommend(_meter, _options, sorted.Keys, (statistics, limit) => ShareAbove(sorted[statistics], limit));
    }

    private Group GroupOf((string, string, string, string?) key)
    {
        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(_groups, key, out var exists);
        if (!exists)
        {
            group = new Group();
        }

        return group!;
    }

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
