namespace Tongguan.Workflows.Runtime.Storage;

/// <summary>One immutable published version of a process definition.</summary>
/// <remarks>Never changed after it is saved: running instances stay pinned to it by <see cref="Id"/>.</remarks>
public sealed class DefinitionRecord
{
    public Guid Id { get; set; }

    /// <summary>The BPMN process id.</summary>
    public string Key { get; set; } = "";

    /// <summary>1, 2, 3 … per key, in publishing order.</summary>
    public int Version { get; set; }

    public string? Name { get; set; }

    /// <summary>The BPMN XML as published (the whole file; <see cref="Key"/> names the process in it).</summary>
    public string Xml { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the normalised XML; equal content publishes nothing new.</summary>
    public string ContentHash { get; set; } = "";

    public DateTimeOffset PublishedAt { get; set; }

    public string PublishedBy { get; set; } = "";
}

/// <summary>The work-in-progress XML of a definition key, edited until it is published.</summary>
public sealed class DefinitionDraft
{
    public string Key { get; set; } = "";

    public string Xml { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>A message start event of the latest published version of a key: a message with this name starts an instance.</summary>
public sealed class MessageStartRecord
{
    public Guid DefinitionId { get; set; }

    public string StartEventId { get; set; } = "";

    public string DefinitionKey { get; set; } = "";

    public string MessageName { get; set; } = "";
}

/// <summary>A process instance row: the serialised <see cref="Execution.InstanceState"/> plus columns to query by.</summary>
public sealed class InstanceRecord
{
    public Guid Id { get; set; }

    public Guid DefinitionId { get; set; }

    public string DefinitionKey { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public string? BusinessKey { get; set; }

    public Execution.InstanceStatus Status { get; set; }

    public Guid? ParentInstanceId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The whole <see cref="Execution.InstanceState"/> as JSON text.</summary>
    public string StateJson { get; set; } = "";

    /// <summary>Optimistic concurrency token: a save succeeds only if the row still has the revision it was read with.</summary>
    public long Revision { get; set; }
}

public enum UserTaskStatus
{
    /// <summary>Waiting for someone of the candidate groups or users to claim it.</summary>
    Open,
    /// <summary>Has an assignee.</summary>
    Assigned,
    Completed,
    /// <summary>Removed without being completed (boundary event, cancellation, migration).</summary>
    Cancelled,
}

/// <summary>A user task in the inbox, derived from a user task bookmark (and kept after it ends, for history).</summary>
public sealed class UserTaskRecord
{
    /// <summary>The bookmark id; the task id users see.</summary>
    public string Id { get; set; } = "";

    public Guid InstanceId { get; set; }

    public string DefinitionKey { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public string? BusinessKey { get; set; }

    public string NodeId { get; set; } = "";

    public string? Name { get; set; }

    public string? FormKey { get; set; }

    public string? Assignee { get; set; }

    public UserTaskStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? CompletedBy { get; set; }

    public List<TaskCandidate> Candidates { get; set; } = [];
}

public enum CandidateKind
{
    Group,
    User,
}

/// <summary>One candidate group or user of a task (a row, so inbox queries use an index).</summary>
public sealed class TaskCandidate
{
    public string TaskId { get; set; } = "";

    public CandidateKind Kind { get; set; }

    public string Value { get; set; } = "";

    /// <summary>
    /// The task is completed or cancelled. Kept on the candidate rows so that "the open tasks of my groups" reads only the
    /// live rows of the (Kind, Value, TaskEnded) index: the rows of ended tasks stay (mining reads a task's unit from its
    /// first group) and grow with the history, and reading them made every inbox slower as the history grew.
    /// </summary>
    public bool TaskEnded { get; set; }
}

/// <summary>An instance waiting for a message with this name and correlation key.</summary>
public sealed class MessageSubscriptionRecord
{
    public string BookmarkId { get; set; } = "";

    public Guid InstanceId { get; set; }

    public string NodeId { get; set; } = "";

    public string MessageName { get; set; } = "";

    public string? CorrelationKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A timer indexed by due time: either a timer bookmark of an instance, or a timer start event of the latest
/// published version of a key (<see cref="IsStartTimer"/>: no instance, <see cref="DefinitionId"/> set).
/// </summary>
/// <remarks>
/// A start timer row is consumed when it fires: it is deleted (and, for a cycle, replaced by a new row for the
/// next occurrence) in the transaction that starts the instance, so of two concurrent firings only the one
/// whose delete hits the row commits.
/// </remarks>
public sealed class TimerRecord
{
    /// <summary>The bookmark id, or for a start timer a fresh id per occurrence.</summary>
    public string BookmarkId { get; set; } = "";

    /// <summary>The waiting instance; null for a start timer.</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>The catch/boundary event, or the timer start event of a start timer.</summary>
    public string NodeId { get; set; } = "";

    public DateTimeOffset DueAt { get; set; }

    /// <summary>The published version a start timer starts instances of; null for instance timers.</summary>
    public Guid? DefinitionId { get; set; }

    /// <summary>The key of <see cref="DefinitionId"/>, so a new version can replace the previous one's start timers.</summary>
    public string? DefinitionKey { get; set; }

    /// <summary>For a start timer with a <c>timeCycle</c>: occurrences left including this one; null when unbounded or not a cycle.</summary>
    public int? RemainingRepeats { get; set; }

    public bool IsStartTimer => InstanceId is null;
}

/// <summary>An async service task waiting to be run by a worker.</summary>
/// <remarks>
/// Retry bookkeeping lives here, not in the instance state: a failed attempt changes no process state.
/// A worker owns the job while <see cref="LockedUntil"/> is in the future.
/// </remarks>
public sealed class JobRecord
{
    public string BookmarkId { get; set; } = "";

    public Guid InstanceId { get; set; }

    public string NodeId { get; set; } = "";

    public string Handler { get; set; } = "";

    public int RetriesLeft { get; set; }

    /// <summary>Failed attempts so far; drives the back-off.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>When the job may run next; null once retries are exhausted (an incident is open).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LockOwner { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A call activity waiting for its child instance.</summary>
public sealed class CallLinkRecord
{
    public string BookmarkId { get; set; } = "";

    public Guid ParentInstanceId { get; set; }

    public Guid ChildInstanceId { get; set; }

    public string CallActivityNodeId { get; set; } = "";
}

/// <summary>Something an operator must look at: an async job that ran out of retries.</summary>
public sealed class IncidentRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public string BookmarkId { get; set; } = "";

    public string NodeId { get; set; } = "";

    public string? Handler { get; set; }

    public string Message { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }
}

/// <summary>A stored journal line (<see cref="Execution.JournalEntry"/> plus its sequence number). Append-only.</summary>
public sealed class JournalRecord
{
    /// <summary>Ascending in append order.</summary>
    public long Sequence { get; set; }

    public Guid InstanceId { get; set; }

    public string DefinitionKey { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public string? BusinessKey { get; set; }

    public string? NodeId { get; set; }

    public string? NodeType { get; set; }

    public Execution.JournalEventType EventType { get; set; }

    public DateTimeOffset At { get; set; }

    public string ActorId { get; set; } = "";

    public string? ExecutionId { get; set; }

    public string? Detail { get; set; }

    /// <summary>Business context (category, org unit, department …) as JSON text.</summary>
    public string? DataJson { get; set; }
}
