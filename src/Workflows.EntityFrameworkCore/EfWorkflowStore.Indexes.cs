using Microsoft.EntityFrameworkCore;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.EntityFrameworkCore;

/// <summary>Keeps the derived index rows equal to what the instance's bookmarks say.</summary>
public sealed partial class EfWorkflowStore<TContext>
{
    private const int DefaultJobRetries = 3;

    private async Task ReconcileIndexesAsync(InstanceState state, bool isNew, CancellationToken cancellationToken)
    {
        var id = state.Id;
        if (!isNew && _storedIndexes.TryGetValue(id, out var stored))
        {
            // Only the kinds of rows the saved state can have are read (the reconciliation below is their only
            // writer, so they mirror its bookmarks); Local below then also sees rows added earlier in this unit of work.
            if (stored.TaskIds.Any(taskId => !IsTrackedWithCandidates(taskId)))
            {
                await _db.Set<UserTaskRecord>().Include(t => t.Candidates)
                    .Where(t => t.InstanceId == id && (t.Status == UserTaskStatus.Open || t.Status == UserTaskStatus.Assigned))
                    .LoadAsync(cancellationToken).ConfigureAwait(false);
            }

            if (stored.Subscriptions)
            {
                await _db.Set<MessageSubscriptionRecord>().Where(s => s.InstanceId == id).LoadAsync(cancellationToken).ConfigureAwait(false);
            }

            if (stored.Timers)
            {
                await _db.Set<TimerRecord>().Where(t => t.InstanceId == id).LoadAsync(cancellationToken).ConfigureAwait(false);
            }

            if (stored.Jobs)
            {
                await _db.Set<JobRecord>().Where(j => j.InstanceId == id).LoadAsync(cancellationToken).ConfigureAwait(false);
            }

            if (stored.CallLinks)
            {
                await _db.Set<CallLinkRecord>().Where(c => c.ParentInstanceId == id).LoadAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Local would run DetectChanges over every tracked row at each use — a tenth of a start's CPU; the reconciliation
        // reads only rows it loaded or added itself, and SaveChanges detects the changes it makes once, later.
        var detecting = _db.ChangeTracker.AutoDetectChangesEnabled;
        _db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            ReconcileRows(state);
        }
        finally
        {
            _db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private void ReconcileRows(InstanceState state)
    {
        var id = state.Id;
        var now = _timeProvider.GetUtcNow();
        var bookmarks = state.Status == InstanceStatus.Running ? state.Bookmarks : [];
        ReconcileTasks(state, bookmarks.Where(b => b.Kind == BookmarkKind.UserTask), now);
        Reconcile(
            _db.Set<MessageSubscriptionRecord>().Local.Where(s => s.InstanceId == id),
            s => s.BookmarkId,
            bookmarks.Where(b => b.Kind == BookmarkKind.Message && b.MessageName is not null),
            (row, b) =>
            {
                row.MessageName = b.MessageName!;
                row.CorrelationKey = b.CorrelationKey;
            },
            b => new MessageSubscriptionRecord
            {
                BookmarkId = b.Id,
                InstanceId = id,
                NodeId = b.NodeId,
                MessageName = b.MessageName!,
                CorrelationKey = b.CorrelationKey,
                CreatedAt = b.CreatedAt,
            });
        Reconcile(
            _db.Set<TimerRecord>().Local.Where(t => t.InstanceId == id),
            t => t.BookmarkId,
            bookmarks.Where(b => b.Kind == BookmarkKind.Timer && b.DueAt is not null),
            // A cycle timer re-arms under the same bookmark with a later due time.
            (row, b) => row.DueAt = b.DueAt!.Value,
            b => new TimerRecord { BookmarkId = b.Id, InstanceId = id, NodeId = b.NodeId, DueAt = b.DueAt!.Value });
        Reconcile(
            _db.Set<JobRecord>().Local.Where(j => j.InstanceId == id),
            j => j.BookmarkId,
            bookmarks.Where(b => b.Kind == BookmarkKind.Job),
            // Existing jobs keep their retry bookkeeping; only vanished ones go.
            update: null,
            b => new JobRecord
            {
                BookmarkId = b.Id,
                InstanceId = id,
                NodeId = b.NodeId,
                Handler = b.Handler ?? "",
                RetriesLeft = b.RetriesLeft ?? DefaultJobRetries,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        Reconcile(
            _db.Set<CallLinkRecord>().Local.Where(c => c.ParentInstanceId == id),
            c => c.BookmarkId,
            bookmarks.Where(b => b.Kind == BookmarkKind.CallActivity && b.ChildInstanceId is not null),
            update: null,
            b => new CallLinkRecord
            {
                BookmarkId = b.Id,
                ParentInstanceId = id,
                ChildInstanceId = b.ChildInstanceId!.Value,
                CallActivityNodeId = b.NodeId,
            });
    }

    /// <summary>
    /// Makes one kind of index row equal to the wanted bookmarks: rows whose bookmark vanished are deleted, surviving
    /// rows are refreshed by <paramref name="update"/>, and each new bookmark gets a row from <paramref name="create"/>.
    /// </summary>
    private void Reconcile<TRow>(
        IEnumerable<TRow> existing,
        Func<TRow, string> bookmarkIdOf,
        IEnumerable<Bookmark> bookmarks,
        Action<TRow, Bookmark>? update,
        Func<Bookmark, TRow> create)
        where TRow : class
    {
        var wanted = bookmarks.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var row in existing.ToList())
        {
            if (wanted.Remove(bookmarkIdOf(row), out var bookmark))
            {
                update?.Invoke(row, bookmark);
            }
            else
            {
                _db.Remove(row);
            }
        }

        foreach (var bookmark in wanted.Values)
        {
            _db.Add(create(bookmark));
        }
    }

    /// <summary>A task row already read in this unit of work (e.g. by the task lookup of a completion), with its candidates.</summary>
    private bool IsTrackedWithCandidates(string taskId)
    {
        var task = _db.Set<UserTaskRecord>().Local.FirstOrDefault(t => t.Id == taskId);
        return task is not null && _db.Entry(task).Collection(t => t.Candidates).IsLoaded;
    }

    /// <summary>The index rows an instance's stored state implies; taken when it is loaded, before the executor changes it.</summary>
    private sealed record StoredIndexes(IReadOnlyList<string> TaskIds, bool Subscriptions, bool Timers, bool Jobs, bool CallLinks)
    {
        private static readonly StoredIndexes None = new([], false, false, false, false);

        public static StoredIndexes Of(InstanceState state)
        {
            if (state.Status != InstanceStatus.Running)
            {
                return None;
            }

            var bookmarks = state.Bookmarks;
            return new StoredIndexes(
                [.. bookmarks.Where(b => b.Kind == BookmarkKind.UserTask).Select(b => b.Id)],
                bookmarks.Any(b => b.Kind == BookmarkKind.Message && b.MessageName is not null),
                bookmarks.Any(b => b.Kind == BookmarkKind.Timer && b.DueAt is not null),
                bookmarks.Any(b => b.Kind == BookmarkKind.Job),
                bookmarks.Any(b => b.Kind == BookmarkKind.CallActivity && b.ChildInstanceId is not null));
        }
    }

    private void ReconcileTasks(InstanceState state, IEnumerable<Bookmark> bookmarks, DateTimeOffset now)
    {
        var wanted = bookmarks.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var existing = _db.Set<UserTaskRecord>().Local
            .Where(t => t.InstanceId == state.Id && t.Status is UserTaskStatus.Open or UserTaskStatus.Assigned)
            .ToList();
        foreach (var task in existing)
        {
            if (!wanted.Remove(task.Id, out var bookmark))
            {
                task.Status = UserTaskStatus.Cancelled;
                task.EndedAt = now;
                MarkEnded(task);
                continue;
            }

            task.Assignee = bookmark.Assignee;
            task.Status = bookmark.Assignee is null ? UserTaskStatus.Open : UserTaskStatus.Assigned;
            task.Name = bookmark.TaskName;
            task.FormKey = bookmark.FormKey;
            var candidates = Candidates(bookmark);
            if (!candidates.Select(Identity).ToHashSet().SetEquals(task.Candidates.Select(Identity)))
            {
                task.Candidates.Clear();
                task.Candidates.AddRange(candidates);
            }
        }

        foreach (var bookmark in wanted.Values)
        {
            _db.Add(new UserTaskRecord
            {
                Id = bookmark.Id,
                InstanceId = state.Id,
                DefinitionKey = state.DefinitionKey,
                DefinitionVersion = state.DefinitionVersion,
                BusinessKey = state.BusinessKey,
                NodeId = bookmark.NodeId,
                Name = bookmark.TaskName,
                FormKey = bookmark.FormKey,
                Assignee = bookmark.Assignee,
                Status = bookmark.Assignee is null ? UserTaskStatus.Open : UserTaskStatus.Assigned,
                CreatedAt = bookmark.CreatedAt,
                Candidates = Candidates(bookmark),
            });
        }

        static (CandidateKind, string) Identity(TaskCandidate c) => (c.Kind, c.Value);

        static List<TaskCandidate> Candidates(Bookmark b) =>
        [
            .. (b.CandidateGroups ?? []).Distinct(StringComparer.Ordinal)
                .Select(g => new TaskCandidate { TaskId = b.Id, Kind = CandidateKind.Group, Value = g }),
            .. (b.CandidateUsers ?? []).Distinct(StringComparer.Ordinal)
                .Select(u => new TaskCandidate { TaskId = b.Id, Kind = CandidateKind.User, Value = u }),
        ];
    }
}
