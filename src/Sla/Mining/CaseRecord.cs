namespace Tongguan.Sla.Mining;

/// <summary>The citizen's rating of a closed case at the return visit (回访).</summary>
public enum Satisfaction
{
    /// <summary>Not rated (no return visit, or the citizen declined).</summary>
    None,
    Satisfied,
    BasicallySatisfied,
    Unsatisfied,
}

/// <summary>
/// One case as the mining reads it: a flat row the Cases module streams from its tables, one per case, with no
/// navigation properties so millions of them can be read forward-only.
/// </summary>
/// <param name="CaseId">The case's id.</param>
/// <param name="OrgUnit">The responsible department or org unit (the one the case was dispatched to last).</param>
/// <param name="District">District (区县) the case's location lies in; null when unknown.</param>
/// <param name="Street">Street or town (街道乡镇) the case's location lies in; null when unknown.</param>
/// <param name="Category">Category code (CJ/T 214 style).</param>
/// <param name="Channel">The channel of the case's first report (<c>Hotline12345</c>, <c>CitizenApp</c> …).</param>
/// <param name="ReportedAt">When the first report came in; the KPIs file a case under this instant's period.</param>
/// <param name="RespondedAt">First response: the case was accepted (受理) or the citizen contacted; null when not yet.</param>
/// <param name="ResponseDueAt">When the first response was due; null when the case has no response limit.</param>
/// <param name="ClosedAt">When the case was closed (结案); null while open.</param>
/// <param name="Resolved">The problem was solved (the closing verification or the citizen says so); meaningful when closed.</param>
/// <param name="Overdue">
/// The case passed its due time (after extensions and suspensions) while open — closed late, or still open and past
/// due when the row was read. The Cases module owns the deadline, so it decides; the mining does not recompute it.
/// </param>
/// <param name="ReworkCount">How often handling was reopened (failed verification or an unhappy citizen, 返工).</param>
/// <param name="Satisfaction">The citizen's rating; <see cref="Mining.Satisfaction.None"/> when not rated.</param>
/// <param name="Pauses">Approved suspensions of the whole case; their time is not counted in its handling time. Null when none.</param>
public sealed record CaseRecord(
    string CaseId,
    string OrgUnit,
    string? District,
    string? Street,
    string Category,
    string Channel,
    DateTimeOffset ReportedAt,
    DateTimeOffset? RespondedAt,
    DateTimeOffset? ResponseDueAt,
    DateTimeOffset? ClosedAt,
    bool Resolved,
    bool Overdue,
    int ReworkCount,
    Satisfaction Satisfaction,
    IReadOnlyList<PauseInterval>? Pauses = null)
{
    public bool IsClosed => ClosedAt is not null;
}
