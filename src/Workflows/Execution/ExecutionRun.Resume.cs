using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Execution;

/// <summary>Resuming at a bookmark.</summary>
internal sealed partial class ExecutionRun
{
    public void Resume(ResumeCommand command)
    {
        var bookmark = _state.Bookmarks.Find(b => b.Id == command.BookmarkId)
            ?? throw new BookmarkNotFoundException(_state.Id, command.BookmarkId);
        var expected = command switch
        {
            CompleteUserTask => BookmarkKind.UserTask,
            DeliverMessage => BookmarkKind.Message,
            FireTimer => BookmarkKind.Timer,
            CompleteJob or FailJobWithError => BookmarkKind.Job,
            CompleteChild or FailChild => BookmarkKind.CallActivity,
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
        if (bookmark.Kind != expected)
        {
            throw new WorkflowException($"Bookmark '{bookmark.Id}' on '{bookmark.NodeId}' is a {bookmark.Kind} bookmark; {command.GetType().Name} cannot resume it.");
        }

        if (!TryFind(bookmark.ExecutionId, out var execution))
        {
            throw new BookmarkNotFoundException(_state.Id, command.BookmarkId);
        }

        var node = _model.GetNode(bookmark.NodeId);
        RemoveBookmark(bookmark);
        switch (command)
        {
            case CompleteUserTask complete:
                Journal(JournalEventType.TaskCompleted, node, execution, bookmark.Id, complete.Output is null ? null : (System.Text.Json.Nodes.JsonObject)complete.Output.DeepClone());
                MergeOutput(execution, complete.Output);
                _agenda.Enqueue(new WorkItem(WorkKind.Complete, execution, node, null));
                break;
            case DeliverMessage deliver:
                Journal(JournalEventType.MessageReceived, node, execution, bookmark.MessageName);
                MergeIntoProcess(deliver.Payload);
                Fire(bookmark, execution, node);
                break;
            case FireTimer:
                Journal(JournalEventType.TimerFired, node, execution, bookmark.DueAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                Fire(bookmark, execution, node);
                break;
            case CompleteJob job:
                MergeOutput(execution, job.Output);
                _agenda.Enqueue(new WorkItem(WorkKind.Complete, execution, node, null));
                break;
            case CompleteChild child:
                MergeOutput(execution, child.Output);
                _agenda.Enqueue(new WorkItem(WorkKind.Complete, execution, node, null));
                break;
            case FailJobWithError failed:
                ThrowError(execution, failed.ErrorCode, failed.Message);
                break;
            case FailChild failed:
                ThrowError(execution, failed.ErrorCode, failed.Message);
                break;
        }
    }

    /// <summary>A message or timer bookmark fired: a boundary event, an event-based gateway choice, or a plain catch.</summary>
    private void Fire(Bookmark bookmark, Execution execution, Node node)
    {
        if (bookmark.AttachedToExecutionId is not null && node is BoundaryEvent boundary)
        {
            FireBoundary(bookmark, execution, boundary);
            return;
        }

        if (bookmark.Group is not null)
        {
            var group = bookmark.Group;
            RemoveBookmarks(b => b.Group == group);
            Journal(JournalEventType.NodeCompleted, _model.Nodes.GetValueOrDefault(execution.NodeId), execution);
            execution.NodeId = node.Id;
            execution.EnteredAt = Now;
            Journal(JournalEventType.NodeEntered, node, execution);
        }

        _agenda.Enqueue(new WorkItem(WorkKind.Complete, execution, node, null));
    }
}
