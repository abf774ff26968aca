using System.Text.Json.Nodes;

namespace Tongguan.Workflows.Execution;

/// <summary>
/// The whole runtime state of one process instance: variables, live executions (tokens) and the
/// bookmarks they wait on. It is plain data, serialised to JSON by the stores, and it is the single
/// source of truth: task, subscription, timer and job rows in a store are indexes derived from
/// <see cref="Bookmarks"/>.
/// </summary>
/// <remarks>Not thread-safe: one instance is changed by one command at a time (the stores enforce
/// this with optimistic concurrency on <see cref="Revision"/>).</remarks>
public sealed class InstanceState
{
    public Guid Id { get; set; }

    /// <summary>The id of the definition version this instance runs on.</summary>
    public Guid DefinitionId { get; set; }

    public string DefinitionKey { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public string? BusinessKey { get; set; }

    public InstanceStatus Status { get; set; } = InstanceStatus.Running;

    /// <summary>Process variables. Execution-local variables live on <see cref="Execution.Variables"/>.</summary>
    public JsonObject Variables { get; set; } = [];

    /// <summary>Live executions. An execution is a token, a scope (sub-process) or a multi-instance parent.</summary>
    public List<Execution> Executions { get; set; } = [];

    /// <summary>What live executions wait for.</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];

    /// <summary>Set on a child instance started by a call activity.</summary>
    public ParentLink? Parent { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Incremented on every successful save; the optimistic concurrency token.</summary>
    public long Revision { get; set; }

    /// <summary>Error code when <see cref="Status"/> is <see cref="InstanceStatus.Faulted"/>.</summary>
    public string? FaultCode { get; set; }

    public string? FaultMessage { get; set; }
}

public enum InstanceStatus
{
    Running,
    Completed,
    /// <summary>Ended by a terminate end event.</summary>
    Terminated,
    /// <summary>Ended by a user or an administrator.</summary>
    Cancelled,
    /// <summary>An error was thrown that nothing caught.</summary>
    Faulted,
}

/// <summary>Links a child instance to the call activity execution waiting for it.</summary>
public sealed record ParentLink(Guid InstanceId, string ExecutionId, string BookmarkId);

/// <summary>
/// A path of execution. Tokens sit on a node; scope executions own the tokens of an embedded
/// sub-process; multi-instance parents own one child per instance.
/// </summary>
public sealed class Execution
{
    public string Id { get; set; } = "";

    /// <summary>The owning scope execution; null for tokens in the process scope.</summary>
    public string? ParentId { get; set; }

    /// <summary>The node this execution is on.</summary>
    public string NodeId { get; set; } = "";

    public ExecutionKind Kind { get; set; }

    /// <summary>Execution-local variables (multi-instance element and index, sub-process locals).</summary>
    public JsonObject? Variables { get; set; }

    /// <summary>For joins: the id of the flow this token arrived on.</summary>
    public string? ArrivedVia { get; set; }

    /// <summary>Multi-instance: the loop index of this child, or counters on the parent.</summary>
    public int? LoopIndex { get; set; }

    public int? LoopCount { get; set; }

    public int? CompletedCount { get; set; }

    public DateTimeOffset EnteredAt { get; set; }
}

public enum ExecutionKind
{
    /// <summary>A token on a node; waiting when it holds a bookmark, arrived when parked at a join.</summary>
    Token,
    /// <summary>Owns the executions inside an embedded sub-process.</summary>
    Scope,
    /// <summary>Owns the instances of a multi-instance activity.</summary>
    MultiInstance,
    /// <summary>A token parked at a joining gateway, waiting for its siblings.</summary>
    Joining,
}

/// <summary>What an execution waits for. Bookmark ids are unique within the whole store (Guid text).</summary>
public sealed class Bookmark
{
    public string Id { get; set; } = "";

    public string ExecutionId { get; set; } = "";

    public string NodeId { get; set; } = "";

    public BookmarkKind Kind { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Bookmarks armed together (event-based gateway) share a group: the first to fire removes the rest.</summary>
    public string? Group { get; set; }

    /// <summary>Message: the BPMN message name.</summary>
    public string? MessageName { get; set; }

    /// <summary>Message: the correlation key (the instance's business key unless set otherwise).</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>Timer: when it falls due (UTC).</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Timer cycle: remaining repetitions, null for unbounded.</summary>
    public int? RemainingRepeats { get; set; }

    /// <summary>User task: the name shown in the inbox.</summary>
    public string? TaskName { get; set; }

    public List<string>? CandidateGroups { get; set; }

    public List<string>? CandidateUsers { get; set; }

    public string? Assignee { get; set; }

    public string? FormKey { get; set; }

    /// <summary>Job: the handler to run and how many attempts remain.</summary>
    public string? Handler { get; set; }

    public int? RetriesLeft { get; set; }

    /// <summary>Call activity: the child instance it waits for.</summary>
    public Guid? ChildInstanceId { get; set; }

    /// <summary>Boundary event bookmarks: the activity execution it is attached to.</summary>
    public string? AttachedToExecutionId { get; set; }
}

public enum BookmarkKind
{
    UserTask,
    Message,
    Timer,
    /// <summary>An async service task waiting for its job to run.</summary>
    Job,
    /// <summary>A call activity waiting for its child instance.</summary>
    CallActivity,
}
