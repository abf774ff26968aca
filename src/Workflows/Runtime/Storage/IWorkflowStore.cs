using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Runtime.Storage;

/// <summary>
/// The engine's storage contract: a unit of work over definitions, instances, their derived index rows,
/// incidents and the journal. One store instance belongs to one scope (one request, one worker poll).
/// </summary>
/// <remarks>
/// Methods named <c>Add…</c>/<c>Save…</c> only stage changes; nothing is written before
/// <see cref="SaveChangesAsync"/>, which writes every staged change (and, in the EF Core store, the
/// application's own pending changes in the same context) atomically. Records returned by <c>Get…</c> are
/// tracked: changing them and saving writes them. Not thread-safe.
/// </remarks>
public interface IWorkflowStore
{
    // Definitions ---------------------------------------------------------------------------------

    Task<DefinitionRecord?> GetDefinitionAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The given version of <paramref name="key"/>, or the latest published one when <paramref name="version"/> is null.</summary>
    Task<DefinitionRecord?> GetDefinitionAsync(string key, int? version, CancellationToken cancellationToken);

    /// <summary>Every published version, newest first; of one key when <paramref name="key"/> is set.</summary>
    Task<IReadOnlyList<DefinitionRecord>> ListDefinitionsAsync(string? key, CancellationToken cancellationToken);

    /// <summary>Stages a new published version and replaces the key's message start events by <paramref name="messageStarts"/>.</summary>
    Task AddDefinitionAsync(DefinitionRecord definition, IReadOnlyList<MessageStartRecord> messageStarts, CancellationToken cancellationToken) =>
        AddDefinitionAsync(definition, messageStarts, [], cancellationToken);

    /// <summary>
    /// Stages a new published version and replaces the key's message start events by <paramref name="messageStarts"/>
    /// and its start timers (<see cref="TimerRecord.IsStartTimer"/>) by <paramref name="startTimers"/>: only the
    /// latest published version starts instances by message or timer.
    /// </summary>
    Task AddDefinitionAsync(
        DefinitionRecord definition, IReadOnlyList<MessageStartRecord> messageStarts, IReadOnlyList<TimerRecord> startTimers, CancellationToken cancellationToken);

    /// <summary>Message start events (of latest versions) listening for <paramref name="messageName"/>.</summary>
    Task<IReadOnlyList<MessageStartRecord>> FindMessageStartsAsync(string messageName, CancellationToken cancellationToken);

    Task<DefinitionDraft?> GetDraftAsync(string key, CancellationToken cancellationToken);

    void AddDraft(DefinitionDraft draft);

    // Instances -----------------------------------------------------------------------------------

    /// <summary>Loads an instance's state; its <see cref="InstanceState.Revision"/> is the one read.</summary>
    Task<InstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Stages the state of a new instance (revision 0) or of one loaded by <see cref="LoadInstanceAsync"/>,
    /// increments <see cref="InstanceState.Revision"/>, and reconciles the index rows (tasks, message
    /// subscriptions, timers, jobs, call links) with its bookmarks. The save fails with
    /// <see cref="WorkflowConcurrencyException"/> if the row changed since it was loaded.
    /// </summary>
    Task SaveInstanceAsync(InstanceState state, CancellationToken cancellationToken);

    /// <summary>Instance rows matching the filter (without loading their state), newest first.</summary>
    Task<IReadOnlyList<InstanceRecord>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    // Index rows ----------------------------------------------------------------------------------

    Task<UserTaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="GetTaskAsync"/> for a caller that loads the task's instance next: a store may read the instance in
    /// the same round trip, so that the following <see cref="LoadInstanceAsync"/> needs none.
    /// </summary>
    Task<UserTaskRecord?> GetTaskWithInstanceAsync(string taskId, CancellationToken cancellationToken) =>
        GetTaskAsync(taskId, cancellationToken);

    Task<Page<UserTaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken);

    /// <summary>Records who completed a task; call after <see cref="SaveInstanceAsync"/> removed its bookmark.</summary>
    Task MarkTaskCompletedAsync(string taskId, string actorId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<MessageSubscriptionRecord>> FindSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken cancellationToken);

    /// <summary>Timers (of instances and start timers) with <see cref="TimerRecord.DueAt"/> at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<TimerRecord>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task<TimerRecord?> GetTimerAsync(string bookmarkId, CancellationToken cancellationToken);

    /// <summary>Start timers of the latest published version of <paramref name="definitionKey"/>, earliest first.</summary>
    Task<IReadOnlyList<TimerRecord>> FindStartTimersAsync(string definitionKey, CancellationToken cancellationToken);

    /// <summary>Stages a start timer row (the next occurrence of a cycle).</summary>
    void AddStartTimer(TimerRecord timer);

    /// <summary>
    /// Stages the deletion of a start timer that fires. The save fails with <see cref="WorkflowConcurrencyException"/>
    /// if the row is gone by then (another caller fired it, or a newer version replaced it), so it fires once.
    /// </summary>
    void ConsumeStartTimer(TimerRecord timer);

    /// <summary>Unlocked jobs whose next attempt is due, earliest first.</summary>
    Task<IReadOnlyList<JobRecord>> FindDueJobsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task<JobRecord?> GetJobAsync(string bookmarkId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically takes the job for <paramref name="owner"/> until <paramref name="lockedUntil"/> if nobody
    /// holds it at <paramref name="now"/>. Written immediately (not staged), so two workers never both win.
    /// </summary>
    Task<bool> TryLockJobAsync(string bookmarkId, string owner, DateTimeOffset now, DateTimeOffset lockedUntil, CancellationToken cancellationToken);

    /// <summary>Releases a job lock held by <paramref name="owner"/>, written immediately.</summary>
    Task ReleaseJobAsync(string bookmarkId, string owner, CancellationToken cancellationToken);

    /// <summary>Call activities of <paramref name="parentInstanceId"/> waiting for children.</summary>
    Task<IReadOnlyList<CallLinkRecord>> FindChildLinksAsync(Guid parentInstanceId, CancellationToken cancellationToken);

    // Incidents -----------------------------------------------------------------------------------

    void AddIncident(IncidentRecord incident);

    Task<IncidentRecord?> GetIncidentAsync(Guid incidentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<IncidentRecord>> QueryIncidentsAsync(Guid? instanceId, bool openOnly, CancellationToken cancellationToken);

    // Journal -------------------------------------------------------------------------------------

    void AppendJournal(IEnumerable<JournalEntry> entries);

    /// <summary>The journal of one instance in append order.</summary>
    Task<IReadOnlyList<JournalRecord>> GetJournalAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>The whole journal, composable set-wise (aggregates run in the database).</summary>
    IQueryable<JournalRecord> Journal { get; }

    /// <summary>Streams journal lines matching <paramref name="query"/> in append order, without buffering them.</summary>
    IAsyncEnumerable<JournalRecord> StreamJournalAsync(JournalQuery query, CancellationToken cancellationToken);

    // Unit of work --------------------------------------------------------------------------------

    /// <summary>Writes everything staged in one transaction (joining the caller's if one is open).</summary>
    /// <exception cref="WorkflowConcurrencyException">An instance changed since it was loaded; nothing was written.</exception>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True while the caller holds a transaction of its own open: what <see cref="SaveChangesAsync"/> wrote may
    /// still be rolled back, so nothing of it may be cached beyond this unit of work.
    /// </summary>
    bool InCallerTransaction => false;

    /// <summary>Forgets every staged and tracked engine change, so the next load reads the database again.</summary>
    void DiscardChanges();
}

/// <summary>Filters for <see cref="IWorkflowStore.QueryTasksAsync"/>; all set filters must hold.</summary>
public sealed record TaskQuery
{
    /// <summary>Tasks with at least one of these candidate groups.</summary>
    public IReadOnlyList<string>? CandidateGroups { get; init; }

    public string? CandidateUser { get; init; }

    public string? Assignee { get; init; }

    public IReadOnlyList<UserTaskStatus>? Statuses { get; init; }

    public Guid? InstanceId { get; init; }

    public string? DefinitionKey { get; init; }

    public string? BusinessKey { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

public sealed record InstanceQuery
{
    public string? DefinitionKey { get; init; }

    public string? BusinessKey { get; init; }

    public InstanceStatus? Status { get; init; }

    public Guid? ParentInstanceId { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

/// <summary>Filters for journal mining: a half-open period [<see cref="From"/>, <see cref="To"/>).</summary>
public sealed record JournalQuery
{
    public string? DefinitionKey { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? NodeId { get; init; }

    public IReadOnlyList<JournalEventType>? EventTypes { get; init; }
}

/// <summary>One page of results and the total count of matches.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
