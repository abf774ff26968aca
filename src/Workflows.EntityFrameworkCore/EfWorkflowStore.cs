using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Workflows.EntityFrameworkCore;

/// <summary>
/// <see cref="IWorkflowStore"/> on the application's own <see cref="DbContext"/>: engine rows are tracked
/// beside the application's entities, so one <c>SaveChanges</c> (inside the caller's transaction, if one is
/// open) commits both or neither. Scoped; not thread-safe, like the context.
/// </summary>
public sealed partial class EfWorkflowStore<TContext> : IWorkflowStore
    where TContext : DbContext
{
    private readonly TContext _db;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<Guid, InstanceRecord> _instances = [];

    /// <summary>Instance rows read together with a task, handed out by the next <see cref="LoadInstanceAsync"/>.</summary>
    private readonly Dictionary<Guid, InstanceRecord> _prefetched = [];

    /// <summary>What each loaded instance waited on when read: the index rows that can exist for it.</summary>
    private readonly Dictionary<Guid, StoredIndexes> _storedIndexes = [];

    public EfWorkflowStore(TContext db, TimeProvider timeProvider)
    {
        _db = db;
        _timeProvider = timeProvider;
    }

    // Definitions ---------------------------------------------------------------------------------

    public Task<DefinitionRecord?> GetDefinitionAsync(Guid id, CancellationToken cancellationToken) =>
        _db.Set<DefinitionRecord>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    public async Task<DefinitionRecord?> GetDefinitionAsync(string key, int? version, CancellationToken cancellationToken)
    {
        var query = _db.Set<DefinitionRecord>().Where(d => d.Key == key);
        var found = version is { } v
            ? await query.FirstOrDefaultAsync(d => d.Version == v, cancellationToken).ConfigureAwait(false)
            : await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

        // A version staged in this unit of work is not in the database yet.
        var local = _db.Set<DefinitionRecord>().Local
            .Where(d => d.Key == key && (version is null || d.Version == version))
            .MaxBy(d => d.Version);
        return local is not null && (found is null || local.Version > found.Version) ? local : found;
    }

    public async Task<IReadOnlyList<DefinitionRecord>> ListDefinitionsAsync(string? key, CancellationToken cancellationToken)
    {
        var query = _db.Set<DefinitionRecord>().AsNoTracking();
        if (key is not null)
        {
            query = query.Where(d => d.Key == key);
        }

        return await query.OrderBy(d => d.Key).ThenByDescending(d => d.Version)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddDefinitionAsync(
        DefinitionRecord definition, IReadOnlyList<MessageStartRecord> messageStarts, IReadOnlyList<TimerRecord> startTimers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(messageStarts);
        ArgumentNullException.ThrowIfNull(startTimers);
        var previous = await _db.Set<MessageStartRecord>()
            .Where(m => m.DefinitionKey == definition.Key)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        _db.RemoveRange(previous);
        var previousTimers = await _db.Set<TimerRecord>()
            .Where(t => t.InstanceId == null && t.DefinitionKey == definition.Key)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        _db.RemoveRange(previousTimers);
        _db.Add(definition);
        _db.AddRange(messageStarts);
        _db.AddRange(startTimers);
    }

    public async Task<IReadOnlyList<MessageStartRecord>> FindMessageStartsAsync(string messageName, CancellationToken cancellationToken) =>
        await _db.Set<MessageStartRecord>().AsNoTracking()
            .Where(m => m.MessageName == messageName)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<DefinitionDraft?> GetDraftAsync(string key, CancellationToken cancellationToken) =>
        _db.Set<DefinitionDraft>().FirstOrDefaultAsync(d => d.Key == key, cancellationToken);

    public void AddDraft(DefinitionDraft draft) => _db.Add(draft);

    // Instances -----------------------------------------------------------------------------------

    public async Task<InstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var row = _prefetched.Remove(instanceId, out var prefetched)
            ? prefetched
            : await _db.Set<InstanceRecord>().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        _instances[instanceId] = row;
        var state = InstanceStateSerializer.Deserialize(row.StateJson);
        state.Revision = row.Revision;
        _storedIndexes[instanceId] = StoredIndexes.Of(state);
        return state;
    }

    public async Task SaveInstanceAsync(InstanceState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var isNew = !_instances.TryGetValue(state.Id, out var row);
        if (isNew)
        {
            if (state.Revision != 0)
            {
                throw new InvalidOperationException(
                    $"Instance {state.Id} has revision {state.Revision} but was not loaded in this unit of work; load it before saving.");
            }

            row = new InstanceRecord { Id = state.Id };
            _db.Add(row);
            _instances[state.Id] = row;
        }

        state.Revision++;
        row!.Revision = state.Revision;
        row.DefinitionId = state.DefinitionId;
        row.DefinitionKey = state.DefinitionKey;
        row.DefinitionVersion = state.DefinitionVersion;
        row.BusinessKey = state.BusinessKey;
        row.Status = state.Status;
        row.ParentInstanceId = state.Parent?.InstanceId;
        row.StartedAt = state.StartedAt;
        row.EndedAt = state.EndedAt;
        row.StateJson = InstanceStateSerializer.Serialize(state);

        await ReconcileIndexesAsync(state, isNew, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<InstanceRecord>> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = _db.Set<InstanceRecord>().AsNoTracking();
        if (query.DefinitionKey is not null)
        {
            rows = rows.Where(i => i.DefinitionKey == query.DefinitionKey);
        }

        if (query.BusinessKey is not null)
        {
            rows = rows.Where(i => i.BusinessKey == query.BusinessKey);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(i => i.Status == status);
        }

        if (query.ParentInstanceId is { } parent)
        {
            rows = rows.Where(i => i.ParentInstanceId == parent);
        }

        return await rows.OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id)
            .Skip(query.Skip).Take(query.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    // Index rows ----------------------------------------------------------------------------------

    public Task<UserTaskRecord?> GetTaskAsync(string taskId, CancellationToken cancellationToken) =>
        _db.Set<UserTaskRecord>().Include(t => t.Candidates).FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);

    public async Task<UserTaskRecord?> GetTaskWithInstanceAsync(string taskId, CancellationToken cancellationToken)
    {
        var found = await (
                from t in _db.Set<UserTaskRecord>()
                where t.Id == taskId
                join i in _db.Set<InstanceRecord>() on t.InstanceId equals i.Id into instances
                from i in instances.DefaultIfEmpty()
                select new { Task = t, Candidates = t.Candidates.ToList(), Instance = i })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        // Every candidate of the task came with it: the collection is complete, as with Include.
        _db.Entry(found.Task).Collection(t => t.Candidates).IsLoaded = true;
        if (found.Instance is { } instance && !_instances.ContainsKey(instance.Id))
        {
            _prefetched[instance.Id] = instance;
        }

        return found.Task;
    }

    public async Task<Page<UserTaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tasks = _db.Set<UserTaskRecord>().AsNoTracking();
        // Asked for live tasks only: the candidates of ended tasks need not be read at all.
        var liveOnly = query.Statuses is { Count: > 0 } wanted && wanted.All(s => s is UserTaskStatus.Open or UserTaskStatus.Assigned);
        if (query.CandidateGroups is { Count: > 0 })
        {
            var groups = query.CandidateGroups.ToArray();
            tasks = tasks.Where(t => t.Candidates.Any(c => c.Kind == CandidateKind.Group && groups.Contains(c.Value) && (!liveOnly || !c.TaskEnded)));
        }

        if (query.CandidateUser is { } user)
        {
            tasks = tasks.Where(t => t.Candidates.Any(c => c.Kind == CandidateKind.User && c.Value == user && (!liveOnly || !c.TaskEnded)));
        }

        if (query.Assignee is { } assignee)
        {
            tasks = tasks.Where(t => t.Assignee == assignee);
        }

        if (query.Statuses is { Count: > 0 })
        {
            var statuses = query.Statuses.ToArray();
            tasks = tasks.Where(t => statuses.Contains(t.Status));
        }

        if (query.InstanceId is { } instanceId)
        {
            tasks = tasks.Where(t => t.InstanceId == instanceId);
        }

        if (query.DefinitionKey is { } key)
        {
            tasks = tasks.Where(t => t.DefinitionKey == key);
        }

        if (query.BusinessKey is { } businessKey)
        {
            tasks = tasks.Where(t => t.BusinessKey == businessKey);
        }

        var total = await tasks.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await tasks.Include(t => t.Candidates)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Skip(query.Skip).Take(query.Take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<UserTaskRecord>(items, total);
    }

    public async Task MarkTaskCompletedAsync(string taskId, string actorId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var task = _db.Set<UserTaskRecord>().Local.FirstOrDefault(t => t.Id == taskId)
            ?? await _db.Set<UserTaskRecord>().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return;
        }

        var candidates = _db.Entry(task).Collection(t => t.Candidates);
        if (!candidates.IsLoaded)
        {
            await candidates.LoadAsync(cancellationToken).ConfigureAwait(false);
        }

        task.Status = UserTaskStatus.Completed;
        task.CompletedBy = actorId;
        task.EndedAt = at;
        MarkEnded(task);
    }

    private static void MarkEnded(UserTaskRecord task)
    {
        foreach (var candidate in task.Candidates)
        {
            candidate.TaskEnded = true;
        }
    }

    public async Task<IReadOnlyList<MessageSubscriptionRecord>> FindSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken cancellationToken) =>
        await _db.Set<MessageSubscriptionRecord>().AsNoTracking()
            .Where(s => s.MessageName == messageName && s.CorrelationKey == correlationKey)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.BookmarkId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<TimerRecord>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await _db.Set<TimerRecord>().AsNoTracking()
            .Where(t => t.DueAt <= now)
            .OrderBy(t => t.DueAt).ThenBy(t => t.BookmarkId)
            .Take(max)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<TimerRecord?> GetTimerAsync(string bookmarkId, CancellationToken cancellationToken) =>
        _db.Set<TimerRecord>().AsNoTracking().FirstOrDefaultAsync(t => t.BookmarkId == bookmarkId, cancellationToken);

    public async Task<IReadOnlyList<TimerRecord>> FindStartTimersAsync(string definitionKey, CancellationToken cancellationToken) =>
        await _db.Set<TimerRecord>().AsNoTracking()
            .Where(t => t.InstanceId == null && t.DefinitionKey == definitionKey)
            .OrderBy(t => t.DueAt).ThenBy(t => t.BookmarkId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public void AddStartTimer(TimerRecord timer) => _db.Add(timer);

    public void ConsumeStartTimer(TimerRecord timer)
    {
        ArgumentNullException.ThrowIfNull(timer);

        // The caller's copy is usually untracked; delete by key through whichever instance the context knows.
        var tracked = _db.Set<TimerRecord>().Local.FirstOrDefault(t => t.BookmarkId == timer.BookmarkId);
        _db.Remove(tracked ?? new TimerRecord { BookmarkId = timer.BookmarkId, NodeId = timer.NodeId, DueAt = timer.DueAt });
    }

    public async Task<IReadOnlyList<JobRecord>> FindDueJobsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await _db.Set<JobRecord>().AsNoTracking()
            .Where(j => j.NextAttemptAt != null && j.NextAttemptAt <= now && (j.LockedUntil == null || j.LockedUntil < now))
            .OrderBy(j => j.NextAttemptAt).ThenBy(j => j.BookmarkId)
            .Take(max)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<JobRecord?> GetJobAsync(string bookmarkId, CancellationToken cancellationToken) =>
        _db.Set<JobRecord>().FirstOrDefaultAsync(j => j.BookmarkId == bookmarkId, cancellationToken);

    public async Task<bool> TryLockJobAsync(string bookmarkId, string owner, DateTimeOffset now, DateTimeOffset lockedUntil, CancellationToken cancellationToken)
    {
        // One conditional UPDATE: the database decides the single winner, whatever the isolation level.
        var updated = await _db.Set<JobRecord>()
            .Where(j => j.BookmarkId == bookmarkId && j.NextAttemptAt != null && (j.LockedUntil == null || j.LockedUntil < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.LockOwner, owner).SetProperty(j => j.LockedUntil, lockedUntil),
                cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    public async Task ReleaseJobAsync(string bookmarkId, string owner, CancellationToken cancellationToken) =>
        await _db.Set<JobRecord>()
            .Where(j => j.BookmarkId == bookmarkId && j.LockOwner == owner)
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.LockOwner, (string?)null).SetProperty(j => j.LockedUntil, (DateTimeOffset?)null),
                cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<CallLinkRecord>> FindChildLinksAsync(Guid parentInstanceId, CancellationToken cancellationToken) =>
        await _db.Set<CallLinkRecord>().AsNoTracking()
            .Where(c => c.ParentInstanceId == parentInstanceId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    // Incidents -----------------------------------------------------------------------------------

    public void AddIncident(IncidentRecord incident) => _db.Add(incident);

    public Task<IncidentRecord?> GetIncidentAsync(Guid incidentId, CancellationToken cancellationToken) =>
        _db.Set<IncidentRecord>().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);

    public async Task<IReadOnlyList<IncidentRecord>> QueryIncidentsAsync(Guid? instanceId, bool openOnly, CancellationToken cancellationToken)
    {
        var incidents = _db.Set<IncidentRecord>().AsNoTracking();
        if (instanceId is { } id)
        {
            incidents = incidents.Where(i => i.InstanceId == id);
        }

        if (openOnly)
        {
            incidents = incidents.Where(i => i.ResolvedAt == null);
        }

        return await incidents.OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    // Journal -------------------------------------------------------------------------------------

    public void AppendJournal(IEnumerable<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            _db.Add(new JournalRecord
            {
                InstanceId = e.InstanceId,
                DefinitionKey = e.DefinitionKey,
                DefinitionVersion = e.DefinitionVersion,
                BusinessKey = e.BusinessKey,
                NodeId = e.NodeId,
                NodeType = e.NodeType,
                EventType = e.EventType,
                At = e.At,
                ActorId = e.ActorId,
                ExecutionId = e.ExecutionId,
                Detail = e.Detail,
                DataJson = e.Data?.ToJsonString(),
            });
        }
    }

    public async Task<IReadOnlyList<JournalRecord>> GetJournalAsync(Guid instanceId, CancellationToken cancellationToken) =>
        await _db.Set<JournalRecord>().AsNoTracking()
            .Where(j => j.InstanceId == instanceId)
            .OrderBy(j => j.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public IQueryable<JournalRecord> Journal => _db.Set<JournalRecord>().AsNoTracking();

    public async IAsyncEnumerable<JournalRecord> StreamJournalAsync(JournalQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = Journal;
        if (query.DefinitionKey is { } key)
        {
            rows = rows.Where(j => j.DefinitionKey == key);
        }

        if (query.From is { } from)
        {
            rows = rows.Where(j => j.At >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(j => j.At < to);
        }

        if (query.NodeId is { } nodeId)
        {
            rows = rows.Where(j => j.NodeId == nodeId);
        }

        if (query.EventTypes is { Count: > 0 })
        {
            var types = query.EventTypes.ToArray();
            rows = rows.Where(j => types.Contains(j.EventType));
        }

        await foreach (var row in rows.OrderBy(j => j.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    // Unit of work --------------------------------------------------------------------------------

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var entities = ex.Entries.Select(e => e.Entity).ToList();
            if (entities.OfType<InstanceRecord>().FirstOrDefault() is { } instance)
            {
                throw new WorkflowConcurrencyException(
                    instance.Id,
                    $"Workflow instance {instance.Id} was changed by someone else since it was read; reload and try again.",
                    ex);
            }

            throw entities.OfType<TimerRecord>().FirstOrDefault(t => t.IsStartTimer) is { } timer
                ? new WorkflowConcurrencyException(
                    $"Start timer '{timer.BookmarkId}' fired elsewhere or was replaced by a newer version meanwhile.", ex)
                : new WorkflowConcurrencyException("A workflow row was changed by someone else; reload and try again.", ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex) && PublishedKeys() is { Count: > 0 } keys)
        {
            // Two publishes of one key both read version N and both insert N+1; the unique (key, version)
            // index lets one win. Not retried here: the caller's transaction, if any, is aborted on PostgreSQL.
            throw new DefinitionPublishConflictException(keys, ex);
        }
    }

    public bool InCallerTransaction => _db.Database.CurrentTransaction is not null;

    /// <summary>Keys of definitions this save inserts.</summary>
    private List<string> PublishedKeys() =>
        _db.ChangeTracker.Entries<DefinitionRecord>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity.Key)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// A unique index refused a row. There is no provider-neutral error code, and this project references no
    /// provider: SQLSTATE 23505 on PostgreSQL, extended code SQLITE_CONSTRAINT_UNIQUE (2067) on SQLite, error
    /// 2601/2627 on SQL Server, read by property name.
    /// </summary>
    private static bool IsUniqueViolation(DbUpdateException exception)
    {
        if (exception.InnerException is not DbException db)
        {
            return false;
        }

        return db.SqlState == "23505"
            || IntProperty(db, "SqliteExtendedErrorCode") == 2067
            || IntProperty(db, "Number") is 2601 or 2627;

        static int? IntProperty(DbException e, string name) => e.GetType().GetProperty(name)?.GetValue(e) as int?;
    }

    public void DiscardChanges()
    {
        foreach (var entry in _db.ChangeTracker.Entries().ToList())
        {
            if (WorkflowEntityTypes.All.Contains(entry.Metadata.ClrType))
            {
                entry.State = EntityState.Detached;
            }
        }

        _instances.Clear();
        _storedIndexes.Clear();
        _prefetched.Clear();
    }
}
