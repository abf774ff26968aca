using Tongguan.Workflows.Model;

namespace Tongguan.Sla.Mining;

/// <summary>A stretch in which a step's clock stood still (an approved suspension 挂起), half-open.</summary>
public readonly record struct PauseInterval(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// One execution of one user-task step of one case: a flat row streamed from the engine's journal and the deadline
/// table. A step that is handled twice (after a return or a rework) gives two rows.
/// </summary>
/// <param name="CaseId">The case the step belongs to.</param>
/// <param name="ProcessKey">The process definition's key (all versions together).</param>
/// <param name="StepId">The BPMN node id of the step.</param>
/// <param name="Category">The case's category code.</param>
/// <param name="OrgUnit">The org unit that handled (or holds) the step.</param>
/// <param name="CreatedAt">When the task opened (queued in the unit's inbox); the step's clock starts here.</param>
/// <param name="ClaimedAt">When an officer claimed it; null when it was never claimed (assigned straight to a person, so no queue time).</param>
/// <param name="CompletedAt">When it was completed; null while open.</param>
/// <param name="Limit">The step's time limit as an ISO-8601 duration (<c>P5D</c>, <c>PT4H</c>); null when the step has none.</param>
/// <param name="LimitCalendar">Whether <paramref name="Limit"/> counts working time or elapsed time.</param>
/// <param name="Breached">The step's deadline fired before it was completed (as the deadline table recorded it).</param>
/// <param name="Returned">The handler sent the task back (退回) instead of finishing it.</param>
/// <param name="Reworked">This execution is a rework (handling reopened after a failed verification or an unhappy citizen).</param>
/// <param name="Pauses">Suspensions during the step; their time is not counted in its duration. Null when none.</param>
public sealed record StepRecord(
    string CaseId,
    string ProcessKey,
    string StepId,
    string Category,
    string OrgUnit,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? CompletedAt,
    string? Limit,
    CalendarKind LimitCalendar,
    bool Breached,
    bool Returned,
    bool Reworked,
    IReadOnlyList<PauseInterval>? Pauses = null);
