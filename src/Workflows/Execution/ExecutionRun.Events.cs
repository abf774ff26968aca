using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Execution;

/// <summary>Gateways, catch events, boundary events, timers and BPMN errors.</summary>
internal sealed partial class ExecutionRun
{
    private void ArriveAtGateway(Execution execution, Gateway gateway, SequenceFlow? via)
    {
        switch (gateway.Kind)
        {
            case GatewayKind.Parallel when gateway.Incoming.Count > 1:
                execution.Kind = ExecutionKind.Joining;
                execution.ArrivedVia = via?.Id;
                TryFireParallelJoin(execution, gateway);
                break;
            case GatewayKind.Inclusive when gateway.Incoming.Count > 1:
                // Fired once the agenda is empty and no other token of the scope can still arrive (TryFireInclusiveJoins).
                execution.Kind = ExecutionKind.Joining;
                execution.ArrivedVia = via?.Id;
                _hasInclusiveJoinWaiting = true;
                break;
            case GatewayKind.EventBased:
                var group = Guid.NewGuid().ToString("N");
                var now = Now;
                foreach (var flow in gateway.Outgoing)
                {
                    switch (flow.Target)
                    {
                        case IntermediateCatchEvent catchEvent:
                            ArmCatchEvent(execution, catchEvent, execution.Id, group, attachedTo: null, now);
                            break;
                        case TaskNode { Kind: TaskKind.Receive, Message: { } message } receive:
                            ArmMessage(execution, receive, message, execution.Id, group, attachedTo: null);
                            break;
                        default:
                            throw new WorkflowException($"{gateway} may only lead to timer or message catch events and receive tasks, not to {flow.Target}.");
                    }
                }

                break;
            default:
                CompleteNode(execution, gateway);
                break;
        }
    }

    private void TryFireParallelJoin(Execution arrived, Gateway gateway)
    {
        var waiting = new List<Execution>(gateway.Incoming.Count);
        foreach (var flow in gateway.Incoming)
        {
            var match = flow.Id == arrived.ArrivedVia
                ? arrived
                : _state.Executions.Find(e => e.Kind == ExecutionKind.Joining && e.NodeId == gateway.Id &&
                                              e.ParentId == arrived.ParentId && e.ArrivedVia == flow.Id);
            if (match is null)
            {
                return;
            }

            waiting.Add(match);
        }

        FireJoin(arrived, gateway, waiting);
    }

    private void FireJoin(Execution survivor, Gateway gateway, List<Execution> merged)
    {
        foreach (var execution in merged)
        {
            if (!ReferenceEquals(execution, survivor))
            {
                RemoveExecution(execution);
            }
        }

        survivor.Kind = ExecutionKind.Token;
        survivor.ArrivedVia = null;
        CompleteNode(survivor, gateway);
    }

    /// <summary>Fires every inclusive join that no other token of its scope can still reach. True when one fired.</summary>
    private bool TryFireInclusiveJoins()
    {
        _hasInclusiveJoinWaiting = false;
        var index = ModelIndex.For(_model);
        foreach (var joining in _state.Executions.FindAll(e => e.Kind == ExecutionKind.Joining))
        {
            if (_removed.Contains(joining) || _model.GetNode(joining.NodeId) is not Gateway { Kind: GatewayKind.Inclusive } gateway)
            {
                continue;
            }

            _hasInclusiveJoinWaiting = true;
            var blocked = false;
            var merged = new List<Execution>();
            foreach (var other in _state.Executions)
            {
                if (other.ParentId != joining.ParentId)
                {
                    continue;
                }

                if (other.NodeId == gateway.Id && other.Kind == ExecutionKind.Joining)
                {
                    merged.Add(other);
                }
                else if (index.CanReach(other.NodeId, gateway.Id))
                {
                    blocked = true;
                    break;
                }
            }

            if (!blocked)
            {
                FireJoin(joining, gateway, merged);
                return true;
            }
        }

        return false;
    }

    private void ArmCatchEvent(Execution execution, EventNode node, string executionId, string? group, string? attachedTo, DateTimeOffset timeBase)
    {
        switch (node.Trigger)
        {
            case EventTrigger.Timer when node is BoundaryEvent { Deadline: not null }:
                // The deadline module knows the time (business calendar, pauses, extensions) and fires the bookmark.
                var alarm = AddBookmark(execution, node, BookmarkKind.Timer);
                alarm.Group = group;
                alarm.AttachedToExecutionId = attachedTo;
                break;
            case EventTrigger.Timer when node.Timer is not null:
                ArmTimer(execution, node, node.Timer, group, attachedTo, timeBase);
                break;
            case EventTrigger.Message when node.Message is not null:
                ArmMessage(execution, node, node.Message, executionId, group, attachedTo);
                break;
            default:
                throw new WorkflowException($"{node} has no timer or message to wait for.");
        }
    }

    private Bookmark ArmMessage(Execution execution, Node node, MessageDefinition message, string executionId, string? group, string? attachedTo)
    {
        var bookmark = AddBookmark(execution, node, BookmarkKind.Message);
        bookmark.ExecutionId = executionId;
        bookmark.Group = group;
        bookmark.AttachedToExecutionId = attachedTo;
        bookmark.MessageName = message.Name;
        bookmark.CorrelationKey = CorrelationKey(execution, node);
        return bookmark;
    }

    private Bookmark ArmTimer(Execution execution, Node node, TimerDefinition timer, string? group, string? attachedTo, DateTimeOffset timeBase)
    {
        var bookmark = AddBookmark(execution, node, BookmarkKind.Timer);
        bookmark.Group = group;
        bookmark.AttachedToExecutionId = attachedTo;
        var text = timer.Expression;
        if (!TrySchedule(timer.Kind, text, timeBase, out var due, out var repeats))
        {
            // Not ISO-8601 as written: a ${expression} giving the ISO-8601 text (e.g. a due date from a variable).
            text = AsText(Evaluate(execution, node.Id, Unwrap(text))) ?? "";
            if (!TrySchedule(timer.Kind, text, timeBase, out due, out repeats))
            {
                throw new WorkflowException($"Timer of {node} is not a valid ISO-8601 {timer.Kind.ToString().ToLowerInvariant()}: '{text}'.");
            }
        }

        bookmark.DueAt = due;
        bookmark.RemainingRepeats = repeats;
        return bookmark;
    }

    private static bool TrySchedule(TimerKind kind, string text, DateTimeOffset timeBase, out DateTimeOffset due, out int? repeats)
    {
        repeats = null;
        due = default;
        switch (kind)
        {
            case TimerKind.Duration when Iso8601.TryParseDuration(text, out var duration):
                due = timeBase + duration;
                return true;
            case TimerKind.Date when Iso8601.TryParseDate(text, out var date):
                due = date.ToUniversalTime();
                return true;
            case TimerKind.Cycle when Iso8601.TryParseCycle(text, out repeats, out var interval):
                due = timeBase + interval;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Arms the timer and message boundary events of an activity for the execution that runs it.</summary>
    internal void ArmBoundaries(Execution execution, Activity activity, DateTimeOffset timeBase)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            if (boundary.Trigger is EventTrigger.Timer or EventTrigger.Message)
            {
                ArmCatchEvent(execution, boundary, execution.Id, group: null, attachedTo: execution.Id, timeBase);
            }
        }
    }

    /// <summary>A timer or message boundary bookmark fired on the activity run by <paramref name="activityExecution"/>.</summary>
    private void FireBoundary(Bookmark bookmark, Execution activityExecution, BoundaryEvent boundary)
    {
        if (boundary.CancelActivity)
        {
            InterruptActivity(activityExecution, boundary);
            return;
        }

        var fork = NewExecution(activityExecution.ParentId, boundary, ExecutionKind.Token);
        _agenda.Enqueue(new WorkItem(WorkKind.Arrive, fork, boundary, null));
        RearmNonInterrupting(bookmark, activityExecution, boundary);
    }

    private void RearmNonInterrupting(Bookmark fired, Execution activityExecution, BoundaryEvent boundary)
    {
        if (boundary.Trigger == EventTrigger.Message && boundary.Message is not null)
        {
            ArmMessage(activityExecution, boundary, boundary.Message, activityExecution.Id, group: null, attachedTo: activityExecution.Id);
            return;
        }

        if (boundary.Timer is { Kind: TimerKind.Cycle } timer && fired.RemainingRepeats is not (<= 1) &&
            Iso8601.TryParseCycle(timer.Expression, out _, out var interval))
        {
            var next = AddBookmark(activityExecution, boundary, BookmarkKind.Timer);
            next.AttachedToExecutionId = activityExecution.Id;
            next.DueAt = (fired.DueAt ?? Now) + interval;
            next.RemainingRepeats = fired.RemainingRepeats - 1;
        }
    }

    /// <summary>Cancels the activity (its bookmarks, inner executions, instances and child instances) and continues from <paramref name="boundary"/>.</summary>
    private void InterruptActivity(Execution activityExecution, BoundaryEvent boundary)
    {
        CancelChildren(activityExecution);
        var id = activityExecution.Id;
        RemoveBookmarks(b => b.ExecutionId == id || b.AttachedToExecutionId == id);
        Journal(JournalEventType.NodeCancelled, boundary.AttachedTo, activityExecution, boundary.Id);
        activityExecution.Kind = ExecutionKind.Token;
        activityExecution.Variables = null;
        activityExecution.LoopCount = null;
        activityExecution.LoopIndex = null;
        activityExecution.CompletedCount = null;
        activityExecution.NodeId = boundary.Id;
        _agenda.Enqueue(new WorkItem(WorkKind.Arrive, activityExecution, boundary, null));
    }

    /// <summary>
    /// Throws a BPMN error at <paramref name="execution"/>: the nearest enclosing activity (the execution's own, then its
    /// scopes outward) with a matching error boundary event catches it; uncaught, the instance faults.
    /// </summary>
    private void ThrowError(Execution execution, string code, string? message)
    {
        Journal(JournalEventType.ErrorThrown, _model.Nodes.GetValueOrDefault(execution.NodeId), execution, code);
        for (Execution? current = execution; current is not null; current = TryGetParent(current, out var parent) ? parent : null)
        {
            if (_model.Nodes.GetValueOrDefault(current.NodeId) is not Activity activity || IsMultiInstanceChild(current))
            {
                continue;
            }

            var boundary = FindErrorBoundary(activity, code);
            if (boundary is not null)
            {
                if (!ReferenceEquals(current, execution) && _model.Nodes.GetValueOrDefault(execution.NodeId) is EndEvent)
                {
                    // An error end event has ended its token rather than being cancelled with the activity.
                    RemoveExecution(execution);
                }

                InterruptActivity(current, boundary);
                return;
            }
        }

        CancelAll();
        _state.FaultCode = code;
        _state.FaultMessage = message;
        EndInstance(InstanceStatus.Faulted, JournalEventType.InstanceFaulted, code);
    }

    private static BoundaryEvent? FindErrorBoundary(Activity activity, string code)
    {
        BoundaryEvent? catchAll = null;
        foreach (var boundary in activity.BoundaryEvents)
        {
            if (boundary.Trigger != EventTrigger.Error)
            {
                continue;
            }

            if (boundary.Error?.Code is null)
            {
                catchAll ??= boundary;
            }
            else if (string.Equals(boundary.Error.Code, code, StringComparison.Ordinal))
            {
                return boundary;
            }
        }

        return catchAll;
    }
}
