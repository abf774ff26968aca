using Microsoft.EntityFrameworkCore;
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
internal sealed class DeadlineStepObserver<TContext>(TContext db, TimeLimitCalculator calculator) : IWorkflowStepObserver
    where TContext : DbContext
{
    public async ValueTask OnStepAsync(WorkflowStep workflowStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflowStep);
        var step = workflowStep;
        foreach (var bookmark in step.Outcome.AddedBookmarks)
        {
            if (LimitOf(step.Model, bookmark) is { } limit)
            {
                Open(step, bookmark, limit);
            }
        }

        foreach (var bookmark in step.Outcome.RemovedBookmarks)
        {
            if (LimitOf(step.Model, bookmark) is not null)
            {
                await CloseAsync(step, bookmark, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void DiscardStaged()
    {
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

    private static TimeLimit? LimitOf(ProcessModel model, Bookmark bookmark) =>
        bookmark.Kind == BookmarkKind.UserTask && model.Nodes.GetValueOrDefault(bookmark.NodeId) is Activity { TimeLimit: { } limit }
            ? limit
            : null;

    private void Open(WorkflowStep step, Bookmark bookmark, TimeLimit limit)
    {
        var start = bookmark.CreatedAt == default ? step.At : bookmark.CreatedAt;
        var schedule = calculator.Calculate(limit, start);
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
        });
    }

    private async Task CloseAsync(WorkflowStep step, Bookmark bookmark, CancellationToken cancellationToken)
    {
        // The task may have opened earlier in this same unit of work (not saved yet), so look locally first.
        var deadline = db.Set<DeadlineRecord>().Local
                .FirstOrDefault(d => d.BookmarkId == bookmark.Id && d.Status == DeadlineStatus.Pending)
            ?? await db.Set<DeadlineRecord>()
                .FirstOrDefaultAsync(d => d.BookmarkId == bookmark.Id && d.Status == DeadlineStatus.Pending, cancellationToken)
                .ConfigureAwait(false);
        if (deadline is null)
        {
            // Opened before deadlines were recorded, or the limit was added by a later migration of the instance.
            return;
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
