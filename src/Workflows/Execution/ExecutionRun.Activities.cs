using System.Text.Json.Nodes;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Execution;

/// <summary>Tasks, call activities and embedded sub-processes.</summary>
internal sealed partial class ExecutionRun
{
    /// <summary>Runs the activity for one execution; <paramref name="armBoundaries"/> is false for multi-instance children,
    /// whose boundary events belong to the multi-instance parent.</summary>
    private async ValueTask RunActivityAsync(Execution execution, Activity activity, bool armBoundaries)
    {
        switch (activity)
        {
            case TaskNode task:
                await RunTaskAsync(execution, task, armBoundaries).ConfigureAwait(false);
                break;
            case CallActivity call:
                StartCallActivity(execution, call);
                ArmBoundariesIf(armBoundaries, execution, activity);
                break;
            case SubProcess subProcess:
                var start = subProcess.Content.StartEvents.FirstOrDefault(s => s.Trigger == EventTrigger.None)
                    ?? throw new WorkflowException($"{subProcess} has no none start event.");
                execution.Kind = ExecutionKind.Scope;
                ArmBoundariesIf(armBoundaries, execution, activity);
                var inner = NewExecution(execution.Id, start, ExecutionKind.Token);
                _agenda.Enqueue(new WorkItem(WorkKind.Arrive, inner, start, null));
                break;
            default:
                CompleteNode(execution, activity);
                break;
        }
    }

    private void ArmBoundariesIf(bool arm, Execution execution, Activity activity)
    {
        if (arm && activity.BoundaryEvents.Count > 0)
        {
            ArmBoundaries(execution, activity, Now);
        }
    }

    private async ValueTask RunTaskAsync(Execution execution, TaskNode task, bool armBoundaries)
    {
        switch (task.Kind)
        {
            case TaskKind.User:
                CreateUserTask(execution, task);
                ArmBoundariesIf(armBoundaries, execution, task);
                return;
            case TaskKind.Receive:
                var message = task.Message ?? throw new WorkflowException($"{task} names no message to wait for.");
                ArmMessage(execution, task, message, execution.Id, group: null, attachedTo: null);
                ArmBoundariesIf(armBoundaries, execution, task);
                return;
            case TaskKind.Script:
                RunScript(execution, task);
                CompleteNode(execution, task);
                return;
            case TaskKind.Service:
            case TaskKind.Send:
                if (task.Handler is not null)
                {
                    if (task.IsAsync)
                    {
                        var job = AddBookmark(execution, task, BookmarkKind.Job);
                        job.Handler = task.Handler;
                        job.RetriesLeft = task.Retries;
                        ArmBoundariesIf(armBoundaries, execution, task);
                        return;
                    }

                    if (!await CallHandlerAsync(execution, task, task.Handler).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                else if (task.Kind == TaskKind.Send && task.Message is not null)
                {
                    SendMessage(execution, task, task.Message);
                }
                else
                {
                    throw new WorkflowException($"{task} has no tg:handler to run.");
                }

                CompleteNode(execution, task);
                return;
            default:
                CompleteNode(execution, task);
                return;
        }
    }

    private void CreateUserTask(Execution execution, TaskNode task)
    {
        var bookmark = AddBookmark(execution, task, BookmarkKind.UserTask);
        bookmark.TaskName = task.Name ?? task.Id;
        bookmark.CandidateGroups = ResolveCandidates(execution, task, "tg:candidateGroups", task.CandidateGroups);
        bookmark.CandidateUsers = ResolveCandidates(execution, task, "tg:candidateUsers", task.CandidateUsers);
        bookmark.Assignee = LiteralOrExpression(execution, task.Id, task.Assignee);
        bookmark.FormKey = task.FormKey;
        Journal(JournalEventType.TaskCreated, task, execution, bookmark.Id);
    }

    /// <summary>Calls a synchronous handler; false when it threw a BPMN error (already propagated).</summary>
    private async ValueTask<bool> CallHandlerAsync(Execution execution, TaskNode task, string handlerName)
    {
        if (!_executor.Handlers.TryGet(handlerName, out var handler))
        {
            throw new ServiceTaskHandlerNotFoundException(task.Id, handlerName);
        }

        var context = new ServiceTaskContext(_state.Id, _state.DefinitionKey, _state.BusinessKey, task.Id, task.Name,
            task.Extensions, VisibleVariables(execution));
        JsonObject? output;
        try
        {
            output = await handler.ExecuteAsync(context, _cancellationToken).ConfigureAwait(false);
        }
        catch (BpmnErrorException error)
        {
            ThrowError(execution, error.ErrorCode, error.Message);
            return false;
        }

        MergeOutput(execution, output);
        return true;
    }

    private void RunScript(Execution execution, TaskNode task)
    {
        if (string.IsNullOrWhiteSpace(task.Script))
        {
            return;
        }

        var result = _executor.Sandbox.RunScript(task.Id, task.Script, _state.Variables, LocalsOf(execution),
            (name, value) => _state.Variables[name] = value);
        if (task.ResultVariable is not null)
        {
            _state.Variables[task.ResultVariable] = result;
        }
    }

    private void SendMessage(Execution execution, TaskNode task, MessageDefinition message)
    {
        JsonObject? payload = null;
        if (task.Extensions.TryGetValue("payload", out var payloadExpression))
        {
            payload = Evaluate(execution, task.Id, Unwrap(payloadExpression)) as JsonObject;
        }

        Outcome.Messages.Add(new OutboundMessage(message.Name, CorrelationKey(execution, task), payload, task.Id));
    }

    private void StartCallActivity(Execution execution, CallActivity call)
    {
        var bookmark = AddBookmark(execution, call, BookmarkKind.CallActivity);
        var childId = Guid.NewGuid();
        bookmark.ChildInstanceId = childId;
        Outcome.ChildStarts.Add(new ChildStartRequest(call.Id, bookmark.Id, execution.Id, call.CalledElement, call.Version,
            VisibleVariables(execution), childId));
    }

    /// <summary><c>tg:correlationKey</c> evaluated, else the business key.</summary>
    private string? CorrelationKey(Execution execution, Node node) =>
        node.Extensions.TryGetValue("correlationKey", out var expression)
            ? AsText(Evaluate(execution, node.Id, Unwrap(expression)))
            : _state.BusinessKey;

    private static string Unwrap(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= 3 && (trimmed[0] == '$' || trimmed[0] == '#') && trimmed[1] == '{' && trimmed[^1] == '}'
            ? trimmed[2..^1]
            : trimmed;
    }
}
