namespace Tongguan.Cases.Model;

/// <summary>
/// One real-world problem (案件). Reports of it from any channel join it; the case processes (business key =
/// <see cref="Number"/>) move it through the closed loop, and <see cref="Lifecycle.CaseProjection"/> keeps this row in step with
/// them in the engine's own transaction.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Case (案件) is the domain's word (DESIGN.md); the API is C#-only.")]
public sealed class Case
{
    public Guid Id { get; set; }

    /// <summary>The case number citizens and officers quote, e.g. <c>TG-20261125-7K3M9QX2PA</c>; the processes' business key.</summary>
    public required string Number { get; set; }

    public CaseStatus Status { get; set; }

    public required string CategoryCode { get; set; }

    /// <summary>The channel of the first report.</summary>
    public Channel Channel { get; set; }

    public Urgency Urgency { get; set; }

    /// <summary>The first report's text (the description officers read first).</summary>
    public required string Description { get; set; }

    public string? Address { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>The dedup bucket of the location (<see cref="Dedup.DedupBuckets.KeyOf"/>), indexed: duplicate lookup reads a few buckets, never all open cases.</summary>
    public long BucketKey { get; set; }

    public string? GridCellId { get; set; }

    public string? CommunityId { get; set; }

    public string? StreetId { get; set; }

    public string? DistrictId { get; set; }

    /// <summary>The unit that handles the case once dispatched (派遣), null before.</summary>
    public string? ResponsibleUnitId { get; set; }

    /// <summary>The command level watching the case after escalations (社区/街道/区/市), null before any escalation.</summary>
    public string? EscalationLevel { get; set; }

    /// <summary>The unit the case was last escalated to.</summary>
    public string? EscalatedToUnitId { get; set; }

    public int Escalations { get; set; }

    /// <summary>Returns (退单) by receiving units.</summary>
    public int Returns { get; set; }

    /// <summary>Failed verifications (返工).</summary>
    public int Reworks { get; set; }

    /// <summary>Reopenings after an unhappy callback.</summary>
    public int Reopenings { get; set; }

    public int ReportCount { get; set; }

    /// <summary>When the first report was made.</summary>
    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>When the latest merged report was made: the duplicate window runs from here.</summary>
    public DateTimeOffset LastReportedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FiledAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The citizen's rating at the callback (回访): satisfied, basicallySatisfied or unsatisfied.</summary>
    public string? Satisfaction { get; set; }

    public string? Resolution { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>For a merged case: the case it joined.</summary>
    public string? MergedInto { get; set; }

    /// <summary>The one-door intake instance that drives the case.</summary>
    public Guid? InstanceId { get; set; }

    public List<Report> Reports { get; } = [];
}
