using System.Globalization;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Dedup;

/// <summary>
/// Scores how likely a new report describes the same problem as an open case. Pure and allocation-light: no I/O,
/// no clock; thread-safe (immutable after construction). Hard gates first — unrelated category, beyond the radius,
/// outside the time window: score 0 — then a weighted mean of the distance, time, category, text and address factors, plus a
/// bonus when the same phone reported both. See docs/dedup.md.
/// </summary>
public sealed class DuplicateDetector
{
    /// <summary>House numbers this close count as the same address (a caller may name the shop next door).</summary>
    public const int HouseNumberTolerance = 2;

    private readonly DedupOptions _options;
    private readonly double _totalWeight;

    public DuplicateDetector(IOptions<DedupOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public DuplicateDetector(DedupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
        _totalWeight = options.TotalWeight;
    }

    public DedupOptions Options => _options;

    /// <summary>Scores one candidate; null when a hard gate rules it out.</summary>
    public DuplicateSuggestion? Score(IncomingReport report, OpenCase candidate)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(candidate);

        var category = CategoryCodes.Relate(report.CategoryCode, candidate.CategoryCode);
        if (category == CategoryRelation.Unrelated)
        {
            return null;
        }

        var timeApart = TimeApart(report.ReportedAt, candidate);
        if (timeApart > _options.TimeWindow)
        {
            return null;
        }

        var distance = GeoDistance.HaversineMetres(report.Latitude, report.Longitude, candidate.Latitude, candidate.Longitude);
        if (distance > _options.RadiusMetres)
        {
            return null;
        }

        var distanceFactor = DistanceFactor(distance, _options.RadiusMetres);
        var timeFactor = TimeFactor(timeApart, _options.TimeWindow);
        var categoryFactor = category == CategoryRelation.SameLeaf ? 1.0 : _options.RelatedCategoryFactor;
        var text = TextSimilarity(report.Fingerprint, candidate.Fingerprints);
        var address = CompareAddresses(report.Fingerprint, candidate.Fingerprints);
        var addressFactor = address switch
        {
            AddressAgreement.Same => 1.0,
            AddressAgreement.Different => 0.0,
            _ => 0.5,
        };
        var sameReporter = !string.IsNullOrEmpty(report.ReporterPhoneHash)
            && candidate.ReporterPhoneHashes.Contains(report.ReporterPhoneHash);

        var score = ((_options.DistanceWeight * distanceFactor)
                + (_options.TimeWeight * timeFactor)
                + (_options.CategoryWeight * categoryFactor)
                + (_options.TextWeight * text)
                + (_options.AddressWeight * addressFactor)) / _totalWeight;
        if (sameReporter)
        {
            score += _options.SameReporterBonus;
        }

        score = Math.Clamp(score, 0, 1);
        var factors = new DuplicateFactors(
            distance, timeApart, category, text, address, sameReporter, distanceFactor, timeFactor, categoryFactor, addressFactor);
        return new DuplicateSuggestion(candidate.CaseId, score, DecisionFor(score), factors, Reasons(report, candidate, factors));
    }

    /// <summary>
    /// Scores every candidate and decides. AutoMerge needs the best score at or above the auto-merge threshold and a
    /// lead of at least the margin over the runner-up; a tie between two fitting cases is left to the agent.
    /// </summary>
    public DedupResult Detect(IncomingReport report, IEnumerable<OpenCase> candidates)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(candidates);

        List<DuplicateSuggestion>? scored = null;
        foreach (var candidate in candidates)
        {
            var suggestion = Score(report, candidate);
            if (suggestion is not null && suggestion.Score >= _options.SuggestThreshold)
            {
                (scored ??= []).Add(suggestion);
            }
        }

        if (scored is null)
        {
            return DedupResult.NoDuplicate;
        }

        scored.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.CaseId, b.CaseId));
        if (scored.Count > _options.MaxSuggestions)
        {
            scored.RemoveRange(_options.MaxSuggestions, scored.Count - _options.MaxSuggestions);
        }

        var best = scored[0];
        var decision = best.Decision;
        if (decision == DedupDecision.AutoMerge && scored.Count > 1 && best.Score - scored[1].Score < _options.AutoMergeMargin)
        {
            decision = DedupDecision.Suggest;
        }

        return new DedupResult(decision, scored);
    }

    /// <summary>1 at the same spot, falling smoothly (1 - (d/r)²) to 0 at the radius: geocoding jitter of a few tens of metres costs little.</summary>
    public static double DistanceFactor(double distanceMetres, double radiusMetres)
    {
        if (distanceMetres >= radiusMetres)
        {
            return 0;
        }

        var ratio = Math.Max(0, distanceMetres) / radiusMetres;
        return 1 - (ratio * ratio);
    }

    /// <summary>1 at the same moment, falling linearly to 0 at the end of the window.</summary>
    public static double TimeFactor(TimeSpan apart, TimeSpan window)
    {
        var absolute = apart.Duration();
        return absolute >= window ? 0 : 1 - (absolute / window);
    }

    /// <summary>The best text similarity against the case's first and merged reports (cosine of character bigrams).</summary>
    public static double TextSimilarity(TextFingerprint report, IReadOnlyList<TextFingerprint> caseTexts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(caseTexts);
        var best = 0.0;
        for (var i = 0; i < caseTexts.Count; i++)
        {
            best = Math.Max(best, report.Cosine(caseTexts[i]));
        }

        return best;
    }

    /// <summary>Same when any house number of the report is within the tolerance of any of the case's; Different when both name numbers and none is.</summary>
    public static AddressAgreement CompareAddresses(TextFingerprint report, IReadOnlyList<TextFingerprint> caseTexts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(caseTexts);
        if (report.HouseNumbers.Count == 0)
        {
            return AddressAgreement.Unknown;
        }

        var caseNamesNumbers = false;
        for (var i = 0; i < caseTexts.Count; i++)
        {
            foreach (var theirs in caseTexts[i].HouseNumbers)
            {
                caseNamesNumbers = true;
                foreach (var ours in report.HouseNumbers)
                {
                    if (Math.Abs(ours - theirs) <= HouseNumberTolerance)
                    {
                        return AddressAgreement.Same;
                    }
                }
            }
        }

        return caseNamesNumbers ? AddressAgreement.Different : AddressAgreement.Unknown;
    }

    private DedupDecision DecisionFor(double score) =>
        score >= _options.AutoMergeThreshold ? DedupDecision.AutoMerge
        : score >= _options.SuggestThreshold ? DedupDecision.Suggest
        : DedupDecision.None;

    /// <summary>Distance in time to the nearest of the case's reports (its first and its latest).</summary>
    private static TimeSpan TimeApart(DateTimeOffset reportedAt, OpenCase candidate)
    {
        if (reportedAt >= candidate.ReportedAt && reportedAt <= candidate.LastReportedAt)
        {
            return TimeSpan.Zero;
        }

        var toFirst = (reportedAt - candidate.ReportedAt).Duration();
        var toLast = (reportedAt - candidate.LastReportedAt).Duration();
        return toFirst < toLast ? toFirst : toLast;
    }

    private static List<DuplicateReason> Reasons(IncomingReport report, OpenCase candidate, DuplicateFactors factors)
    {
        var reasons = new List<DuplicateReason>(5)
        {
            new("distance", string.Create(CultureInfo.InvariantCulture, $"{Math.Round(factors.DistanceMetres):0} m away")),
        };

        var name = candidate.CategoryName ?? report.CategoryName;
        reasons.Add(factors.Category == CategoryRelation.SameLeaf
            ? new DuplicateReason("category", name is null ? $"same category {candidate.CategoryCode}" : $"same category {name}")
            : new DuplicateReason(
                "category",
                $"related category {candidate.CategoryName ?? candidate.CategoryCode} (same group {CategoryCodes.MajorOf(candidate.CategoryCode)})"));
        reasons.Add(new DuplicateReason("time", $"reported {Describe(factors.TimeApart)} apart"));
        reasons.Add(new DuplicateReason(
            "text", string.Create(CultureInfo.InvariantCulture, $"text {Math.Round(factors.TextSimilarity * 100):0}% similar")));
        if (factors.Address != AddressAgreement.Unknown)
        {
            reasons.Add(factors.Address == AddressAgreement.Same
                ? new DuplicateReason("address", "same house number")
                : new DuplicateReason("address", "different house numbers"));
        }

        if (factors.SameReporter)
        {
            reasons.Add(new DuplicateReason("reporter", "same reporter phone"));
        }

        return reasons;
    }

    private static string Describe(TimeSpan apart)
    {
        var invariant = CultureInfo.InvariantCulture;
        return apart.TotalMinutes < 1 ? "less than a minute"
            : apart.TotalHours < 1 ? string.Create(invariant, $"{Math.Floor(apart.TotalMinutes):0} min")
            : apart.TotalDays < 2 ? string.Create(invariant, $"{Math.Round(apart.TotalHours):0} h")
            : string.Create(invariant, $"{apart.TotalDays:0.#} d");
    }
}
