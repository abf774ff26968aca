using Microsoft.EntityFrameworkCore;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Sla.Deadlines;

/// <summary>
/// Keeps <see cref="DeadlineRecord"/>s in step with user tasks: a task with a time limit that opens gets a pending
/// deadline, one that closes completes (or cancels) it — staged on the runtime's own context, so the rows commit
/// with the workflow state or not at all.
/// </summary>
internal sealed class DeadlineStepObserver<TContext>(
    TContext db, TimeLimitCalculator calculator, ITimeLimitPolicy policy, DeadlineWakeUps? wakeUps = null)
    : IWorkflowStepObserver
    where TContext : DbContext
{
    // Instants of deadlines opened in this unit of work, for the scheduler once it is saved.
    private readonly List<DateTimeOffset> _alarms = [];

    public ValueTask OnSavedAsync(CancellationToken cancellationToken)
    {
        if (_alarms.Count > 0)
        {
            wakeUps?.Request(_alarms);
            _alarms.Clear();
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask OnStepAsync(WorkflowStep workflowStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflowStep);
        foreach (var bookmark in workflowStep.Outcome.AddedBookmarks)
        {
            if (LimitOf(workflowStep, bookmark) is { } limit)
            {
                Open(workflowStep, bookmark, limit, bookmark.CreatedAt == default ? workflowStep.At : bookmark.CreatedAt);
            }
        }

        var closing = workflowStep.Outcome.RemovedBookmarks.Where(b => MayLimit(workflowStep.Model, b)).ToList();
        if (closing.Count > 0)
        {
            await CloseAsync(workflowStep, closing, cancellationToken).ConfigureAwait(false);
        }

        if (workflowStep.Outcome.Journal.Any(j => j.EventType == JournalEventType.InstanceMigrated))
        {
            await ReconcileMigratedAsync(workflowStep, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A migration keeps open tasks open but may move them to nodes with another limit, or none: each open task's
    /// deadline is brought in line with the new version. A changed limit keeps counting from when the task opened;
    /// a limit the new version adds counts from the migration, so that migrating old work does not make it overdue
    /// at once; a limit it removes cancels the deadline.
    /// </summary>
    private async Task ReconcileMigratedAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        var tasks = step.Instance.Bookmarks.Where(b => b.Kind == BookmarkKind.UserTask).ToList();
        var ids = tasks.Select(t => t.Id).ToList();
        var pending = await db.Set<DeadlineRecord>()
            .Where(d => d.InstanceId == step.Instance.Id && d.Status == DeadlineStatus.Pending)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var deadline in pending.Where(d => !ids.Contains(d.BookmarkId)))
        {
            deadline.Status = DeadlineStatus.Cancelled;
            deadline.CompletedAt = step.At;
        }

        foreach (var task in tasks)
        {
            var limit = LimitOf(step, task);
            var deadline = pending.FirstOrDefault(d => d.BookmarkId == task.Id);
            if (deadline is null)
            {
                if (limit is not null)
                {
                    Open(step, task, limit, step.At);
                }

                continue;
            }

            if (limit is null)
            {
                deadline.Status = DeadlineStatus.Cancelled;
                deadline.CompletedAt = step.At;
                continue;
            }

            var schedule = calculator.Calculate(limit, deadline.StartedAt);
            var (warningAlarm, dueAlarm) = Alarms(step.Model, task);
            deadline.NodeId = task.NodeId;
            deadline.DefinitionKey = step.Instance.DefinitionKey;
            deadline.Limit = limit.Duration;
            deadline.CalendarKind = limit.Calendar;
            deadline.WarningAlarm = warningAlarm;
            deadline.DueAlarm = dueAlarm;
            if (schedule.Warning != deadline.WarningAt || schedule.Due != deadline.DueAt)
            {
                deadline.WarningAt = schedule.Warning;
                deadline.DueAt = schedule.Due;
                deadline.WarnedAt = schedule.Warning > step.At ? null : deadline.WarnedAt;
                deadline.BreachedAt = schedule.Due > step.At ? null : deadline.BreachedAt;
                _alarms.Add(schedule.Warning);
                _alarms.Add(schedule.Due);
            }
        }
    }

    private static (bool Warning, bool Due) Alarms(ProcessModel model, Bookmark task)
    {
        IReadOnlyList<BoundaryEvent> boundaries = model.Nodes.GetValueOrDefault(task.NodeId) is Activity activity ? activity.BoundaryEvents : [];
        return (boundaries.Any(b => b.Deadline == DeadlineAlarm.Warning), boundaries.Any(b => b.Deadline == DeadlineAlarm.Due));
    }

    public void DiscardStaged()
    {
        _alarms.Clear();

        // Deadline rows change only through this observer, so every unsaved change to one is a change it staged.
        foreach (var entry in db.ChangeTracker.Entries<DeadlineRecord>().ToList())
        {
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.CurrentValues.SetValues(entry.OriginalValues);
                entry.State = EntityState.Unchanged;
            }
        }
    }

    private TimeLimit? LimitOf(WorkflowStep step, Bookmark bookmark) =>
        bookmark.Kind == BookmarkKind.UserTask && step.Model.Nodes.GetValueOrDefault(bookmark.NodeId) is Activity activity
            ? policy.LimitFor(activity, step.Instance, bookmark)
            : null;

    private bool MayLimit(ProcessModel model, Bookmark bookmark) =>
        bookmark.Kind == BookmarkKind.UserTask && model.Nodes.GetValueOrDefault(bookmark.NodeId) is Activity activity && policy.MayLimit(activity);

    private void Open(WorkflowStep step, Bookmark bookmark, TimeLimit limit, DateTimeOffset start)
    {
        var schedule = calculator.Calculate(limit, start);
        var (warningAlarm, dueAlarm) = Alarms(step.Model, bookmark);
        _alarms.Add(schedule.Warning);
        _alarms.Add(schedule.Due);
        db.Set<DeadlineRecord>().Add(new DeadlineRecord
        {
            Id = Guid.NewGuid(),
            InstanceId = step.Instance.Id,
            BookmarkId = bookmark.Id,
            NodeId = bookmark.NodeId,
            DefinitionKey = step.Instance.DefinitionKey,
            BusinessKey = step.Instance.BusinessKey,
            StartedAt = schedule.Start,
            WarningAt = schedule.Warning,
            DueAt = schedule.Due,
            Limit = limit.Duration,
            CalendarKind = limit.Calendar,
            Status = DeadlineStatus.Pending,
            WarningAlarm = warningAlarm,
            DueAlarm = dueAlarm,
        });
    }

    private async Task CloseAsync(WorkflowStep step, List<Bookmark> bookmarks, CancellationToken cancellationToken)
    {
        // A task may have opened earlier in this same unit of work (not saved yet), so look locally first; the rest
        // come in one query, however many tasks the step closes (a cancelled co-handling case closes several).
        var deadlines = db.Set<DeadlineRecord>().Local
            .Where(d => d.Status == DeadlineStatus.Pending)
            .ToDictionary(d => d.BookmarkId, StringComparer.Ordinal);
        var missing = bookmarks.Select(b => b.Id).Where(id => !deadlines.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var stored = await db.Set<DeadlineRecord>()
                .Where(d => missing.Contains(d.BookmarkId) && d.Status == DeadlineStatus.Pending)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            foreach (var deadline in stored)
            {
                deadlines[deadline.BookmarkId] = deadline;
            }
        }

        foreach (var bookmark in bookmarks)
        {
            // No row: opened before deadlines were recorded, or the limit was added by a later migration of the instance.
            if (!deadlines.TryGetValue(bookmark.Id, out var deadline))
            {
                continue;
            }

            // Only a completion journals TaskCompleted for the bookmark; any other removal (instance cancelled or
            // terminated, interrupting boundary event, error) means the work was not done.
            var completed = step.Outcome.Journal.Any(j =>
                j.EventType == JournalEventType.TaskCompleted && string.Equals(j.Detail, bookmark.Id, StringComparison.Ordinal));
            deadline.Status = completed ? DeadlineStatus.Completed : DeadlineStatus.Cancelled;
            deadline.CompletedAt = step.At;
            deadline.CompletedLate = completed && step.At > deadline.DueAt;
        }
    }
}
