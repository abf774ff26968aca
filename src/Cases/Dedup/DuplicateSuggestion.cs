namespace Tongguan.Cases.Dedup;

/// <summary>What intake does with a report.</summary>
public enum DedupDecision
{
    /// <summary>No open case is close enough: file a new case.</summary>
    None = 0,

    /// <summary>Show the suggestions to the intake agent, who merges or files.</summary>
    Suggest = 1,

    /// <summary>Merge into the best case without asking.</summary>
    AutoMerge = 2,
}

/// <summary>Whether the two texts name the same house number.</summary>
public enum AddressAgreement
{
    /// <summary>One text or both name no house number: no evidence either way.</summary>
    Unknown = 0,

    /// <summary>Both name a house number and some pair is within <see cref="DuplicateDetector.HouseNumberTolerance"/>.</summary>
    Same = 1,

    /// <summary>Both name house numbers and none are close: most likely two different places on the street.</summary>
    Different = 2,
}

/// <summary>One human-readable reason, with a stable code the UI can translate ("distance", "category", "time", "text", "address", "reporter").</summary>
public sealed record DuplicateReason(string Code, string Text);

/// <summary>The factors behind a score, each in [0, 1] except the raw measurements.</summary>
public sealed record DuplicateFactors(
    double DistanceMetres,
    TimeSpan TimeApart,
    CategoryRelation Category,
    double TextSimilarity,
    AddressAgreement Address,
    bool SameReporter,
    double DistanceFactor,
    double TimeFactor,
    double CategoryFactor,
    double AddressFactor);

/// <summary>One open case that may be the same problem as the new report.</summary>
public sealed record DuplicateSuggestion(
    string CaseId,
    double Score,
    DedupDecision Decision,
    DuplicateFactors Factors,
    IReadOnlyList<DuplicateReason> Reasons);

/// <summary>The outcome of a duplicate check: the decision on the best case and the ranked suggestions (best first).</summary>
public sealed record DedupResult(DedupDecision Decision, IReadOnlyList<DuplicateSuggestion> Suggestions)
{
    public static DedupResult NoDuplicate { get; } = new(DedupDecision.None, []);

    /// <summary>The case the report should join (AutoMerge) or the first one to show (Suggest); null for None.</summary>
    public DuplicateSuggestion? Best => Decision == DedupDecision.None ? null : Suggestions[0];
}
