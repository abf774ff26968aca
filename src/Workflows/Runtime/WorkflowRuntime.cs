using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime.Storage;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Workflows.Runtime;

/// <summary>
/// The durable engine: loads instances from the <see cref="IWorkflowStore"/>, runs them to their next wait
/// state with the <see cref="WorkflowExecutor"/>, and saves state, index rows, journal and whatever the
/// caller staged on the same store in one transaction per call.
/// </summary>
/// <remarks>
/// Scoped, like the store; not thread-safe. Concurrent calls from different scopes on the same instance
/// are serialised by optimistic concurrency: the loser gets a <see cref="WorkflowConcurrencyException"/>
/// and nothing of its attempt is written.
/// </remarks>
public sealed partial class WorkflowRuntime
{
    private readonly IWorkflowStore _store;
    private readonly WorkflowExecutor _executor;
    private readonly ProcessModelCache _models;
    private readonly LatestDefinitionCache _latest;
    private readonly IServiceTaskHandlerRegistry _handlers;
    private readonly TimeProvider _timeProvider;
    private readonly WorkflowOptions _options;
    private readonly ILogger<WorkflowRuntime> _logger;
    private readonly IWorkflowStepObserver[] _observers;

    public WorkflowRuntime(
        IWorkflowStore store,
        WorkflowExecutor executor,
        ProcessModelCache models,
        LatestDefinitionCache latest,
        IServiceTaskHandlerRegistry handlers,
        TimeProvider timeProvider,
        IOptions<WorkflowOptions> options,
        ILogger<WorkflowRuntime> logger,
        IEnumerable<IWorkflowStepObserver> observers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observers);
        _observers = [.. observers];
        _store = store;
        _executor = executor;
        _models = models;
        _latest = latest;
        _handlers = handlers;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The store this runtime saves through (the same unit of work as the caller's changes).</summary>
    public IWorkflowStore Store => _store;

    // Starting ------------------------------------------------------------------------------------

    /// <summary>Starts an instance of the latest published version of <paramref name="definitionKey"/>.</summary>
    public Task<InstanceState> StartAsync(
        string definitionKey, string? businessKey, JsonObject? variables, Actor actor, CancellationToken cancellationToken = default) =>
        StartAsync(definitionKey, null, businessKey, variables, actor, cancellationToken);

    /// <summary>Starts an instance of version <paramref name="version"/> (latest when null) of <paramref name="definitionKey"/>.</summary>
    /// <exception cref="DefinitionNotFoundException">No such published version.</exception>
    public async Task<InstanceState> StartAsync(
        string definitionKey, int? version, string? businessKey, JsonObject? variables, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (version is null && TryCachedLatest(definitionKey, out var known, out var cachedModel))
        {
            return await InStepAsync(
                actor,
                step => StartInStepAsync(step, known, cachedModel, NewInstance(known, businessKey), variables, null, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }

        var generation = _latest.Generation;
        var definition = await _store.GetDefinitionAsync(definitionKey, version, cancellationToken).ConfigureAwait(false)
            ?? throw new DefinitionNotFoundException(definitionKey, version);
        var started = await InStepAsync(
            actor,
            step => StartInStepAsync(step, definition, _models.Get(definition), NewInstance(definition, businessKey), variables, null, cancellationToken),
            cancellationToken).ConfigureAwait(false);

        // Only once committed: a version staged in this unit of work, or under the caller's open transaction, may yet vanish.
        if (version is null && !_store.InCallerTransaction)
        {
            _latest.Remember(definition, generation);
        }

        return started;
    }

    /// <summary>
    /// Starts one instance per request, all in one unit of work: one transaction and one round of writes for the whole
    /// group, each start journalled under its own actor. All or nothing; <see cref="GroupedStarts"/> is the caller that
    /// gathers concurrent callers' starts into such groups.
    /// </summary>
    /// <exception cref="DefinitionNotFoundException">A request names a key with no published version.</exception>
    public async Task<IReadOnlyList<InstanceState>> StartGroupAsync(IReadOnlyList<StartRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var generation = _latest.Generation;
        var looked = new Dictionary<string, DefinitionRecord>(StringComparer.Ordinal);
        var started = new List<InstanceState>(requests.Count);
        await InStepAsync(
            requests[0].Actor,
            async first =>
            {
                for (var i = 0; i < requests.Count; i++)
                {
                    var request = requests[i];
                    ArgumentNullException.ThrowIfNull(request.Actor);
                    var step = i == 0 ? first : new Step(request.Actor, first);
                    if (!TryCachedLatest(request.DefinitionKey, out var definition, out var model))
                    {
                        if (!looked.TryGetValue(request.DefinitionKey, out definition!))
                        {
                            definition = await _store.GetDefinitionAsync(request.DefinitionKey, null, cancellationToken).ConfigureAwait(false)
                                ?? throw new DefinitionNotFoundException(request.DefinitionKey, (int?)null);
                            looked[request.DefinitionKey] = definition;
                        }

                        model = _models.Get(definition);
                    }

                    started.Add(await StartInStepAsync(
                        step, definition, model, NewInstance(definition, request.BusinessKey), request.Variables, null, cancellationToken).ConfigureAwait(false));
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);

        if (!_store.InCallerTransaction)
        {
            foreach (var definition in looked.Values)
            {
                _latest.Remember(definition, generation);
            }
        }

        return started;
    }

    /// <summary>The latest version of <paramref name="key"/> and its parsed model, when this node knows both without asking the store.</summary>
    private bool TryCachedLatest(string key, out DefinitionRecord definition, out ProcessModel model)
    {
        if (_latest.TryGet(key, out var head) && _models.TryGet(head.Id, out var cached))
        {
            definition = new DefinitionRecord { Id = head.Id, Key = head.Key, Version = head.Version };
            model = cached;
            return true;
        }

        definition = null!;
        model = null!;
        return false;
    }

    // User tasks ----------------------------------------------------------------------------------

    /// <summary>Completes a user task; <paramref name="output"/> is merged into the process variables.</summary>
    /// <exception cref="WorkflowConcurrencyException">Someone else completed the task or changed the instance first.</exception>
    public async Task<InstanceState> CompleteTaskAsync(string taskId, Actor actor, JsonObject? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var task = await GetOpenTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        try
        {
            return await InStepAsync(
                actor,
                async step =>
                {
                    var loaded = await LoadAsync(step, task.InstanceId, cancellationToken).ConfigureAwait(false);
                    if (loaded.State.Bookmarks.All(b => b.Id != taskId))
                    {
                        throw TaskTakenException(taskId, null);
                    }

                    step.CompletedTasks.Add((taskId, actor.Id));
                    await RunInStepAsync(
                        step,
                        loaded,
                        () => _executor.ResumeAsync(loaded.Model, loaded.State, new CompleteUserTask(taskId, actor, output), cancellationToken),
                        cancellationToken).ConfigureAwait(false);
                    return loaded.State;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowConcurrencyException ex) when (ex.InnerException is not null and not WorkflowConcurrencyException)
        {
            throw TaskTakenException(taskId, ex);
        }
    }

    /// <summary>Makes <paramref name="actor"/> the assignee. Claiming a task one already holds changes nothing.</summary>
    /// <exception cref="TaskStateException">Someone else holds the task.</exception>
    public Task<UserTaskRecord> ClaimTaskAsync(string taskId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAssigneeAsync(taskId, actor, JournalEventType.TaskClaimed, (bookmark, a) =>
        {
            if (bookmark.Assignee is { } holder && holder != a.Id)
            {
                throw new TaskStateException($"Task '{taskId}' is already claimed by {holder}.");
            }

            return (a.Id, $"claimed by {a.Id}");
        }, cancellationToken);

    /// <summary>Gives the task back to its candidates.</summary>
    public Task<UserTaskRecord> UnclaimTaskAsync(string taskId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAssigneeAsync(taskId, actor, JournalEventType.TaskUnclaimed, (bookmark, a) =>
            (null, $"unclaimed by {a.Id} (was {bookmark.Assignee ?? "nobody"})"), cancellationToken);

    /// <summary>Hands the task to <paramref name="toUserId"/>.</summary>
    public Task<UserTaskRecord> DelegateTaskAsync(string taskId, string toUserId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toUserId);
        return ChangeAssigneeAsync(taskId, actor, JournalEventType.TaskDelegated, (bookmark, a) =>
            (toUserId, $"delegated by {a.Id} from {bookmark.Assignee ?? "nobody"} to {toUserId}"), cancellationToken);
    }

    private async Task<UserTaskRecord> ChangeAssigneeAsync(
        string taskId,
        Actor actor,
        JournalEventType eventType,
        Func<Bookmark, Actor, (string? Assignee, string Detail)> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var task = await GetOpenTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        try
        {
            await InStepAsync(
                actor,
                async step =>
                {
                    var loaded = await LoadAsync(step, task.InstanceId, cancellationToken).ConfigureAwait(false);
                    var bookmark = loaded.State.Bookmarks.FirstOrDefault(b => b.Id == taskId)
                        ?? throw TaskTakenException(taskId, null);
                    var (assignee, detail) = change(bookmark, actor);
                    bookmark.Assignee = assignee;
                    var state = loaded.State;
                    _store.AppendJournal(
                    [
                        new JournalEntry(
                            state.Id, state.DefinitionKey, state.DefinitionVersion, state.BusinessKey, bookmark.NodeId, "userTask",
                            eventType, _timeProvider.GetUtcNow(), actor.Id, bookmark.ExecutionId, detail),
                    ]);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowConcurrencyException ex) when (ex.InnerException is not null and not WorkflowConcurrencyException)
        {
            throw TaskTakenException(taskId, ex);
        }

        return task;
    }

    private async Task<UserTaskRecord> GetOpenTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var task = await _store.GetTaskWithInstanceAsync(taskId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowItemNotFoundException("Task", taskId);
        return task.Status switch
        {
            UserTaskStatus.Completed => throw new WorkflowConcurrencyException(
                task.InstanceId, $"Task '{taskId}' was already completed by {task.CompletedBy}; reload."),
            UserTaskStatus.Cancelled => throw new TaskStateException($"Task '{taskId}' was cancelled; it can no longer be worked on."),
            _ => task,
        };
    }

    private static WorkflowConcurrencyException TaskTakenException(string taskId, Exception? inner) =>
        new($"Task '{taskId}' was completed by someone else or its instance changed meanwhile; reload and try again.", inner!);

    // Cancelling and migrating --------------------------------------------------------------------

    /// <summary>Cancels a running instance and every child instance its call activities wait for.</summary>
    /// <exception cref="InstanceNotRunningException">The instance has ended.</exception>
    public Task<InstanceState> CancelAsync(Guid instanceId, Actor actor, string? reason, CancellationToken cancellationToken = default) =>
        InStepAsync(
            actor,
            async step =>
            {
                var loaded = await LoadAsync(step, instanceId, cancellationToken).ConfigureAwait(false);
                if (loaded.State.Status != InstanceStatus.Running)
                {
                    throw new InstanceNotRunningException(instanceId, loaded.State.Status);
                }

                await RunInStepAsync(
                    step, loaded, () => ValueTask.FromResult(_executor.Cancel(loaded.Model, loaded.State, actor, reason)), cancellationToken)
                    .ConfigureAwait(false);
                return loaded.State;
            },
            cancellationToken);

    /// <summary>
    /// Moves a running instance to version <paramref name="targetVersion"/> of its key; tokens on a node move
    /// to <c>nodeMapping[node]</c>, or to the node with the same id when unmapped.
    /// </summary>
    /// <exception cref="MigrationRefusedException">The executor found reasons the move is unsafe; nothing changed.</exception>
    public Task<InstanceState> MigrateInstanceAsync(
        Guid instanceId, int targetVersion, IReadOnlyDictionary<string, string> nodeMapping, Actor actor, CancellationToken cancellationToken = default) =>
        InStepAsync(
            actor,
            async step =>
            {
                var loaded = await LoadAsync(step, instanceId, cancellationToken).ConfigureAwait(false);
                var target = await _store.GetDefinitionAsync(loaded.State.DefinitionKey, targetVersion, cancellationToken).ConfigureAwait(false)
                    ?? throw new DefinitionNotFoundException(loaded.State.DefinitionKey, targetVersion);
                var targetModel = _models.Get(target);
                var reasons = _executor.CheckMigration(loaded.Model, targetModel, loaded.State, nodeMapping);
                if (reasons.Count > 0)
                {
                    throw new MigrationRefusedException(reasons);
                }

                var outcome = _executor.Migrate(loaded.Model, targetModel, loaded.State, nodeMapping, actor);
                loaded.State.DefinitionId = target.Id;
                loaded.State.DefinitionVersion = target.Version;
                var migrated = new Loaded(loaded.State, targetModel);
                step.Instances[instanceId] = migrated;
                await FollowAsync(step, migrated, [], outcome, cancellationToken).ConfigureAwait(false);
                return loaded.State;
            },
            cancellationToken);

    // Queries -------------------------------------------------------------------------------------

    /// <summary>The current state of an instance, or null.</summary>
    public Task<InstanceState?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        _store.LoadInstanceAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<InstanceRecord>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        _store.QueryInstancesAsync(query, cancellationToken);

    public Task<Page<UserTaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
        _store.QueryTasksAsync(query, cancellationToken);

    public Task<UserTaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        _store.GetTaskAsync(taskId, cancellationToken);

    /// <summary>The journal of one instance in the order it was written.</summary>
    public Task<IReadOnlyList<JournalRecord>> GetJournalAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        _store.GetJournalAsync(instanceId, cancellationToken);

    /// <summary>The whole journal for set-wise mining (by definition key, period, node …), run in the database.</summary>
    public IQueryable<JournalRecord> Journal => _store.Journal;

    /// <summary>Streams journal lines in append order without buffering them.</summary>
    public IAsyncEnumerable<JournalRecord> StreamJournalAsync(JournalQuery query, CancellationToken cancellationToken = default) =>
        _store.StreamJournalAsync(query, cancellationToken);

    public Task<IReadOnlyList<IncidentRecord>> QueryIncidentsAsync(Guid? instanceId = null, bool openOnly = true, CancellationToken cancellationToken = default) =>
        _store.QueryIncidentsAsync(instanceId, openOnly, cancellationToken);
}
