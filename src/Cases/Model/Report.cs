namespace Tongguan.Cases.Model;

/// <summary>One submission from one channel (诉求/上报); several can belong to one <see cref="Case"/>.</summary>
public sealed class Report
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public Channel Channel { get; set; }

    /// <summary>The client's retry key (HTTP <c>Idempotency-Key</c>), unique per channel: a retried submission finds its report.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>The sender's own id for the report (hotline ticket, sensor event id, Open311 token).</summary>
    public string? ExternalId { get; set; }

    public required string CategoryCode { get; set; }

    public required string Text { get; set; }

    public string? Address { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public string? ReporterName { get; set; }

    /// <summary>Personal data: shown only to roles that need it.</summary>
    public string? ReporterPhone { get; set; }

    /// <summary>A keyed hash of the phone number, so the duplicate check can see "same reporter" without the number.</summary>
    public string? ReporterPhoneHash { get; set; }

    /// <summary>The citizen's private code for following the case (with the case number).</summary>
    public required string TrackingCode { get; set; }

    public DateTimeOffset ReportedAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public required string ReceivedBy { get; set; }

    /// <summary>How the report joined its case.</summary>
    public ReportLink Link { get; set; }

    /// <summary>The duplicate score when the report was merged, with the reasons as the detector wrote them.</summary>
    public double? MergeScore { get; set; }

    public string? MergeReasons { get; set; }
}

public enum ReportLink
{
    /// <summary>The report opened the case.</summary>
    Original = 0,

    /// <summary>Merged by the duplicate check without asking (score above the auto-merge threshold).</summary>
    AutoMerged = 1,

    /// <summary>Merged by an intake agent.</summary>
    MergedByAgent = 2,
}
