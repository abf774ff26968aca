using System.Text.Json.Serialization;

namespace Tongguan.Cases.Model;

/// <summary>
/// Where a case stands in the closed loop (闭环). The processes set it (process variable <c>caseStatus</c>, written by
/// the case handlers) and <see cref="Lifecycle.CaseProjection"/> copies it onto the case row, so that lists and KPIs never have
/// to read process state.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    /// <summary>受理: registered, waiting for an intake agent to file, reject or merge it (duplicate suggestions).</summary>
    Registered = 0,

    /// <summary>立案: filed, being dispatched to the responsible unit.</summary>
    Filed = 1,

    /// <summary>派遣: sent to a unit that has not accepted it yet.</summary>
    Dispatched = 2,

    /// <summary>处置: accepted and being handled (also after a rework or a reopening).</summary>
    Handling = 3,

    /// <summary>核查: the unit reported a result; a verifier checks on site.</summary>
    Verifying = 4,

    /// <summary>结案: verified and closed; the citizen callback may still be running.</summary>
    Closed = 5,

    /// <summary>Not a case for the city (with the reason).</summary>
    Rejected = 6,

    /// <summary>A duplicate merged into another case.</summary>
    Merged = 7,
}

public static class CaseStatuses
{
    /// <summary>Statuses of cases that can still take duplicates: everything before closing.</summary>
    public static IReadOnlyList<CaseStatus> Open { get; } =
        [CaseStatus.Registered, CaseStatus.Filed, CaseStatus.Dispatched, CaseStatus.Handling, CaseStatus.Verifying];

    public static bool IsOpen(CaseStatus status) => status is >= CaseStatus.Registered and <= CaseStatus.Verifying;
}
