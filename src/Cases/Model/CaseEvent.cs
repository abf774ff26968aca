namespace Tongguan.Cases.Model;

/// <summary>
/// A human action or notice on a case that the engine's journal does not hold: comments, attachments, merges,
/// escalation notices. The case timeline interleaves these with the journal.
/// </summary>
public sealed class CaseEvent
{
    private static long s_sequence;

    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public CaseEventKind Kind { get; set; }

    /// <summary>The task the action was taken on, if any.</summary>
    public string? TaskId { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>
    /// Orders events of the same instant: one engine step can change the status twice (filed, then dispatched by
    /// the called process) within the same clock reading. Increases within a process, which is where such ties arise.
    /// </summary>
    public long Sequence { get; set; } = Interlocked.Increment(ref s_sequence);

    public string? Text { get; set; }

    /// <summary>For <see cref="CaseEventKind.Attachment"/>: the stored file.</summary>
    public Guid? AttachmentId { get; set; }

    /// <summary>The unit a notice is for (escalation target, summoned department).</summary>
    public string? OrgUnitId { get; set; }
}

public enum CaseEventKind
{
    Comment = 0,
    Attachment = 1,
    ReportMerged = 2,
    Escalated = 3,
    StatusChanged = 4,
    Summoned = 5,
    Reopened = 6,
}
