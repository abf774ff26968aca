using Tongguan.Workflows.Model;

namespace Tongguan.Sla.Mining.Limits;

public enum LimitChange
{
    /// <summary>The recommended limit is shorter than today's.</summary>
    Tighten,

    /// <summary>Today's limit stays (the history would round to it, or a looser value was capped at it).</summary>
    Keep,

    /// <summary>Longer than today's: only when the current limit is flagged <see cref="LimitRecommendation.LimitTooTight"/>.</summary>
    Loosen,

    /// <summary>The step has no limit today; this is a first proposal.</summary>
    Introduce,
}

public enum ConfidenceNoteKind
{
    /// <summary>Fewer completed steps than <see cref="LimitRecommenderOptions.SmallSample"/>.</summary>
    SmallSample,

    /// <summary>The median of the later half of the history differs from the earlier half's by more than the drift threshold.</summary>
    Drift,

    /// <summary>The p95 is more than <see cref="LimitRecommenderOptions.HeavyTailRatio"/> times the median.</summary>
    HeavyTail,

    /// <summary>The steps of the history did not all have the same limit; breach rates use each step's own.</summary>
    MixedLimits,
}

/// <summary>Why a recommendation deserves less trust than its numbers suggest.</summary>
public sealed record ConfidenceNote(ConfidenceNoteKind Kind, string Message);

/// <summary>
/// A proposed time limit for one step × category (× department when <see cref="OrgUnit"/> is set). Durations are in
/// the limit's own kind of time (<see cref="Calendar"/>): working time for business limits, so one working day is the
/// calendar's working hours of a day (7 h for 09:00–12:00 + 13:30–17:30).
/// </summary>
/// <param name="ProcessKey">The process definition's key.</param>
/// <param name="StepId">The step's BPMN node id.</param>
/// <param name="Category">The case category.</param>
/// <param name="OrgUnit">The department this recommendation is for; null for all departments together.</param>
/// <param name="SampleSize">Completed steps the numbers are drawn from.</param>
/// <param name="Calendar">The kind of time of today's limit, which every duration here is measured in.</param>
/// <param name="CurrentLimit">Today's limit (of the most recently opened step in the history); null when none.</param>
/// <param name="CurrentLimitLength">Today's limit as a duration; null when none.</param>
/// <param name="Median">Median duration of the completed steps.</param>
/// <param name="P80">80th percentile duration.</param>
/// <param name="P90">90th percentile duration.</param>
/// <param name="P95">95th percentile duration.</param>
/// <param name="CurrentBreachRate">Share of the steps whose deadline fired before completion, as recorded; null when there is no limit.</param>
/// <param name="CurrentLimitExceededRate">Share of the steps that took longer than today's limit (the measure <paramref name="RecommendedBreachRate"/> is comparable with); null when none.</param>
/// <param name="RecommendedLimit">The proposal as an ISO-8601 duration of <paramref name="Calendar"/>.</param>
/// <param name="RecommendedLength">The proposal as a duration.</param>
/// <param name="RecommendedBreachRate">Share of the same history that took longer than the proposal: the breach rate it would have had.</param>
/// <param name="Change">How the proposal compares with today's limit.</param>
/// <param name="LimitTooTight">Today's limit was exceeded by more than the too-tight share, so the proposal may be looser.</param>
/// <param name="Reason">Why the proposal is what it is, in one sentence.</param>
/// <param name="Notes">Reasons to trust the numbers less: small sample, drift, heavy tail, mixed limits.</param>
public sealed record LimitRecommendation(
    string ProcessKey,
    string StepId,
    string Category,
    string? OrgUnit,
    int SampleSize,
    CalendarKind Calendar,
    string? CurrentLimit,
    TimeSpan? CurrentLimitLength,
    TimeSpan Median,
    TimeSpan P80,
    TimeSpan P90,
    TimeSpan P95,
    double? CurrentBreachRate,
    double? CurrentLimitExceededRate,
    string RecommendedLimit,
    TimeSpan RecommendedLength,
    double RecommendedBreachRate,
    LimitChange Change,
    bool LimitTooTight,
    string Reason,
    IReadOnlyList<ConfidenceNote> Notes);
