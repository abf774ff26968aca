namespace Tongguan.Sla.Deadlines.Adjustments;

/// <summary>
/// An extension (延期) or suspension (挂起) of one deadline: asked for by one person, decided by another. An approved
/// extension moves the deadline once; an approved suspension stops its clock until it is resumed.
/// </summary>
public sealed class DeadlineAdjustmentRecord
{
    public Guid Id { get; set; }

    public Guid DeadlineId { get; set; }

    public Guid InstanceId { get; set; }

    public AdjustmentKind Kind { get; set; }

    public AdjustmentStatus Status { get; set; }

    /// <summary>Extensions: how much longer, as an ISO-8601 duration in the limit's kind of time (e.g. <c>P2D</c>).</summary>
    public string? Extension { get; set; }

    public string Reason { get; set; } = "";

    public string RequestedBy { get; set; } = "";

    public DateTimeOffset RequestedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecisionNote { get; set; }

    /// <summary>Suspensions: when the clock started again.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    public string? EndedBy { get; set; }
}

public enum AdjustmentKind
{
    Extension,
    Suspension,
}

public enum AdjustmentStatus
{
    Requested,
    Approved,
    Rejected,

    /// <summary>A suspension that was resumed.</summary>
    Ended,
}
