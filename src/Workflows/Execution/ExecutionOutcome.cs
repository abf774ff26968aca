using System.Text.Json.Nodes;

namespace Tongguan.Workflows.Execution;

/// <summary>
/// What one step of execution produced besides the changed <see cref="InstanceState"/>: journal entries,
/// child instances to start and messages sent. The durable runtime persists all of it in the same
/// transaction as the state.
/// </summary>
public sealed class ExecutionOutcome
{
    public List<JournalEntry> Journal { get; } = [];

    /// <summary>Call activities that want a child instance started.</summary>
    public List<ChildStartRequest> ChildStarts { get; } = [];

    /// <summary>Messages thrown by send tasks, to correlate to other instances.</summary>
    public List<OutboundMessage> Messages { get; } = [];

    /// <summary>Bookmarks created by this step (present in the state afterwards).</summary>
    public List<Bookmark> AddedBookmarks { get; } = [];

    /// <summary>Bookmarks removed by this step (fired, completed or cancelled).</summary>
    public List<Bookmark> RemovedBookmarks { get; } = [];

    /// <summary>
    /// Child instances (of call activities) that this step cancelled — by an interrupting boundary event, a
    /// terminate end, an error or a cancellation. The durable runtime cancels them in turn.
    /// </summary>
    public List<Guid> CancelledChildInstances { get; } = [];
}

/// <summary>Start a child instance for a call activity; its bookmark waits for the child.</summary>
public sealed record ChildStartRequest(
    string CallActivityNodeId,
    string BookmarkId,
    string ExecutionId,
    string ProcessKey,
    int? Version,
    JsonObject Variables,
    Guid ChildInstanceId);

/// <summary>A message thrown by a send task: correlate by name and key to waiting instances.</summary>
public sealed record OutboundMessage(string MessageName, string? CorrelationKey, JsonObject? Payload, string SourceNodeId);

/// <summary>
/// One line of the journal: something happened to a node or a human acted. Append-only; the input of
/// SLA mining and the case timeline.
/// </summary>
public sealed record JournalEntry(
    Guid InstanceId,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string? NodeId,
    string? NodeType,
    JournalEventType EventType,
    DateTimeOffset At,
    string ActorId,
    string? ExecutionId = null,
    string? Detail = null,
    JsonObject? Data = null);

public enum JournalEventType
{
    InstanceStarted,
    InstanceCompleted,
    InstanceTerminated,
    InstanceCancelled,
    InstanceFaulted,
    InstanceMigrated,
    NodeEntered,
    NodeCompleted,
    NodeCancelled,
    FlowTaken,
    TaskCreated,
    TaskCompleted,
    TaskClaimed,
    TaskUnclaimed,
    TaskDelegated,
    MessageReceived,
    TimerFired,
    ErrorThrown,
    JobFailed,
    IncidentRaised,
    IncidentResolved,
    VariablesChanged,
    HumanAction,
}
