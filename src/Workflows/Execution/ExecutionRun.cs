using System.Text.Json.Nodes;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Execution;

/// <summary>
/// One call of the executor on one instance: an agenda of work items processed until every execution waits
/// (or the instance ends). Not thread-safe; lives for one call.
/// </summary>
internal sealed partial class ExecutionRun
{
    private readonly WorkflowExecutor _executor;
    private readonly ProcessModel _model;
    private readonly InstanceState _state;
    private readonly Actor _actor;
    private readonly CancellationToken _cancellationToken;
    private readonly Queue<WorkItem> _agenda = new();
    private readonly HashSet<Execution> _removed = new(ReferenceEqualityComparer.Instance);
    private bool _hasInclusiveJoinWaiting;

    public ExecutionRun(WorkflowExecutor executor, ProcessModel model, InstanceState state, Actor actor, CancellationToken cancellationToken)
    {
        _executor = executor;
        _model = model;
        _state = state;
        _actor = actor;
        _cancellationToken = cancellationToken;
    }

    public ExecutionOutcome Outcome { get; } = new();

    internal InstanceState State => _state;

    internal ProcessModel Model => _model;

    private DateTimeOffset Now => _executor.TimeProvider.GetUtcNow();

    private enum WorkKind
    {
        /// <summary>The execution arrives at the node (via a flow, or as the start).</summary>
        Arrive,
        /// <summary>The execution runs the activity itself (a multi-instance child, or after the loop set-up).</summary>
        Body,
        /// <summary>The execution's work on its node is done: leave it.</summary>
        Complete,
    }

    private readonly record struct WorkItem(WorkKind Kind, Execution Execution, Node Node, SequenceFlow? Via);

    public void Start(StartEvent start, JsonObject? variables)
    {
        var now = Now;
        _state.Status = InstanceStatus.Running;
        _state.StartedAt = now;
        _state.Variables = variables is null ? [] : (JsonObject)variables.DeepClone();
        Journal(JournalEventType.InstanceStarted, start, null, start.Id);
        var token = NewExecution(null, start, ExecutionKind.Token);
        _agenda.Enqueue(new WorkItem(WorkKind.Arrive, token, start, null));
    }

    public async ValueTask RunAsync()
    {
        // Tokens parked at an inclusive join in an earlier call may be released by what this call does.
        _hasInclusiveJoinWaiting |= _state.Executions.Exists(static e => e.Kind == ExecutionKind.Joining);
        while (true)
        {
            while (_agenda.TryDequeue(out var item))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (_state.Status != InstanceStatus.Running)
                {
                    _agenda.Clear();
                    return;
                }

                if (_removed.Contains(item.Execution))
                {
                    continue;
                }

                switch (item.Kind)
                {
                    case WorkKind.Arrive:
                        await ArriveAsync(item.Execution, item.Node, item.Via).ConfigureAwait(false);
                        break;
                    case WorkKind.Body:
                        await RunActivityAsync(item.Execution, (Activity)item.Node, armBoundaries: false).ConfigureAwait(false);
                        break;
                    default:
                        CompleteNode(item.Execution, item.Node);
                        break;
                }
            }

            if (_state.Status != InstanceStatus.Running || !_hasInclusiveJoinWaiting || !TryFireInclusiveJoins())
            {
                return;
            }
        }
    }

    private async ValueTask ArriveAsync(Execution execution, Node node, SequenceFlow? via)
    {
        execution.NodeId = node.Id;
        execution.EnteredAt = Now;
        Journal(JournalEventType.NodeEntered, node, execution);
        switch (node)
        {
            case Activity { MultiInstance: not null } activity:
                StartMultiInstance(execution, activity);
                break;
            case Activity activity:
                await RunActivityAsync(execution, activity, armBoundaries: true).ConfigureAwait(false);
                break;
            case Gateway gateway:
                ArriveAtGateway(execution, gateway, via);
                break;
            case EndEvent end:
                ArriveAtEnd(execution, end);
                break;
            case IntermediateCatchEvent catchEvent:
                ArmCatchEvent(execution, catchEvent, execution.Id, group: null, attachedTo: null, Now);
                break;
            default:
                // Start and boundary events have done their work (started, fired) when the token arrives.
                CompleteNode(execution, node);
                break;
        }
    }

    /// <summary>The execution's work on <paramref name="node"/> is done: disarm boundary events, then leave by the outgoing flows.</summary>
    private void CompleteNode(Execution execution, Node node)
    {
        if (node is Activity activity)
        {
            if (activity.BoundaryEvents.Count > 0)
            {
                RemoveBookmarks(b => b.AttachedToExecutionId == execution.Id);
            }

            if (execution.Kind == ExecutionKind.Scope)
            {
                execution.Kind = ExecutionKind.Token;
            }

            if (activity.MultiInstance is not null && TryGetParent(execution, out var parent) &&
                parent.Kind == ExecutionKind.MultiInstance && parent.NodeId == execution.NodeId)
            {
                CompleteMultiInstanceChild(execution, parent, activity);
                return;
            }
        }

        Journal(JournalEventType.NodeCompleted, node, execution);
        Leave(execution, node);
    }

    private void Leave(Execution execution, Node node)
    {
        var outgoing = node.Outgoing;
        if (outgoing.Count == 0)
        {
            EndExecution(execution);
            return;
        }

        if (outgoing.Count == 1 && outgoing[0].ConditionExpression is null)
        {
            Take(execution, outgoing[0]);
            return;
        }

        var selected = SelectFlows(execution, node);
        Take(execution, selected[0]);
        for (var i = 1; i < selected.Count; i++)
        {
            var fork = NewExecution(execution.ParentId, node, ExecutionKind.Token);
            Take(fork, selected[i]);
        }
    }

    private void Take(Execution execution, SequenceFlow flow)
    {
        if (_executor.Options.JournalFlowsTaken)
        {
            Journal(JournalEventType.FlowTaken, flow.Source, execution, flow.Id);
        }

        _agenda.Enqueue(new WorkItem(WorkKind.Arrive, execution, flow.Target, flow));
    }

    private List<SequenceFlow> SelectFlows(Execution execution, Node node)
    {
        var outgoing = node.Outgoing;
        var selected = new List<SequenceFlow>(outgoing.Count);
        SequenceFlow? defaultFlow = null;
        var firstOnly = node is Gateway { Kind: GatewayKind.Exclusive };
        var all = node is Gateway { Kind: GatewayKind.Parallel };
        foreach (var flow in outgoing)
        {
            if (!all && flow.IsDefault)
            {
                defaultFlow = flow;
                continue;
            }

            if (all || flow.ConditionExpression is null || EvaluateCondition(execution, flow.Id, flow.ConditionExpression))
            {
                selected.Add(flow);
                if (firstOnly)
                {
                    break;
                }
            }
        }

        if (selected.Count == 0)
        {
            if (defaultFlow is null)
            {
                throw new WorkflowException($"No outgoing flow matched at {node} and it has no default flow.");
            }

            selected.Add(defaultFlow);
        }

        return selected;
    }

    /// <summary>A token ends (none end event, or a node without outgoing flows); its scope may complete with it.</summary>
    private void EndExecution(Execution execution)
    {
        RemoveExecution(execution);
        CompleteScopeIfEmpty(execution.ParentId);
    }

    private void CompleteScopeIfEmpty(string? scopeId)
    {
        if (scopeId is null)
        {
            if (_state.Executions.Count == 0)
            {
                EndInstance(InstanceStatus.Completed, JournalEventType.InstanceCompleted, null);
            }

            return;
        }

        if (!TryFind(scopeId, out var scope) || scope.Kind != ExecutionKind.Scope || HasChildren(scope.Id))
        {
            return;
        }

        _agenda.Enqueue(new WorkItem(WorkKind.Complete, scope, _model.GetNode(scope.NodeId), null));
    }

    private void EndInstance(InstanceStatus status, JournalEventType eventType, string? detail)
    {
        _state.Status = status;
        _state.EndedAt = Now;
        _agenda.Clear();
        Journal(eventType, null, null, detail);
    }

    private void ArriveAtEnd(Execution execution, EndEvent end)
    {
        switch (end.Trigger)
        {
            case EventTrigger.Terminate:
                Journal(JournalEventType.NodeCompleted, end, execution);
                if (execution.ParentId is null)
                {
                    CancelAll();
                    EndInstance(InstanceStatus.Terminated, JournalEventType.InstanceTerminated, end.Id);
                }
                else if (TryFind(execution.ParentId, out var scope))
                {
                    RemoveExecution(execution);
                    CancelChildren(scope);
                    _agenda.Enqueue(new WorkItem(WorkKind.Complete, scope, _model.GetNode(scope.NodeId), null));
                }

                break;
            case EventTrigger.Error:
                var code = end.Error?.Code ?? end.Error?.Name ?? end.Error?.Id ?? "error";
                ThrowError(execution, code, end.Error?.Name);
                break;
            default:
                Journal(JournalEventType.NodeCompleted, end, execution);
                EndExecution(execution);
                break;
        }
    }

    /// <summary>Cancels every execution and bookmark of the instance (terminate, cancel, uncaught error).</summary>
    private void CancelAll()
    {
        foreach (var execution in _state.Executions.Where(e => e.ParentId is null).ToList())
        {
            CancelTree(execution, includeSelf: true);
        }

        // Anything left over (orphans) goes too, so an ended instance holds nothing.
        foreach (var execution in _state.Executions.ToList())
        {
            CancelTree(execution, includeSelf: true);
        }

        RemoveBookmarks(static _ => true);
    }

    public void CancelInstance(string? reason)
    {
        CancelAll();
        EndInstance(InstanceStatus.Cancelled, JournalEventType.InstanceCancelled, reason);
    }
}
