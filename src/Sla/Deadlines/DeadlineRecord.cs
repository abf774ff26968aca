using Tongguan.Workflows.Model;

namespace Tongguan.Sla.Deadlines;

/// <summary>
/// The time limit of one user task (one bookmark): written in the same transaction as the workflow state that
/// opened the task, closed in the one that ended it. Yellow from <see cref="WarningAt"/>, red from <see cref="DueAt"/>.
/// </summary>
public sealed class DeadlineRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    /// <summary>The user task's bookmark (its task id); one deadline per bookmark.</summary>
    public string BookmarkId { get; set; } = "";

    public string NodeId { get; set; } = "";

    public string DefinitionKey { get; set; } = "";

    public string? BusinessKey { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset WarningAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>The designed limit as written (ISO-8601 duration, e.g. <c>P2D</c>).</summary>
    public string Limit { get; set; } = "";

    public CalendarKind CalendarKind { get; set; }

    public DeadlineStatus Status { get; set; }

    /// <summary>When the task was completed or cancelled.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Completed after <see cref="DueAt"/>; false while pending and for cancelled deadlines.</summary>
    public bool CompletedLate { get; set; }

    /// <summary>When the sweep turned the deadline yellow (set once, by one node).</summary>
    public DateTimeOffset? WarnedAt { get; set; }

    /// <summary>When the sweep turned the deadline red (set once, by one node).</summary>
    public DateTimeOffset? BreachedAt { get; set; }

    /// <summary>The task has a <c>tg:deadline="warning"</c> boundary timer, which the warning fires through the engine.</summary>
    public bool WarningAlarm { get; set; }

    /// <summary>The task has a <c>tg:deadline="due"</c> boundary timer, which the breach fires through the engine.</summary>
    public bool DueAlarm { get; set; }

    /// <summary>
    /// The clock is stopped (suspension 挂起) since then: nothing fires; on resumption <see cref="WarningAt"/> and
    /// <see cref="DueAt"/> move on by the paused time, counted in the limit's own kind of time.
    /// </summary>
    public DateTimeOffset? PausedAt { get; set; }
}

public enum DeadlineStatus
{
    Pending,
    Completed,
    /// <summary>The task ended without being done: instance cancelled or terminated, interrupting boundary event.</summary>
    Cancelled,
}
