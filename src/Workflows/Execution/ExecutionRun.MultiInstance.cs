using System.Text.Json.Nodes;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Execution;

/// <summary>Multi-instance activities: one parent execution, one child execution per instance.</summary>
internal sealed partial class ExecutionRun
{
    private const string CollectionKey = "loopCollection";
    private const string InstancesKey = "nrOfInstances";
    private const string CompletedKey = "nrOfCompletedInstances";
    private const string ActiveKey = "nrOfActiveInstances";
    private const string LoopCounterKey = "loopCounter";

    private void StartMultiInstance(Execution execution, Activity activity)
    {
        var loop = activity.MultiInstance!;
        JsonArray? collection = null;
        int count;
        if (loop.Collection is not null)
        {
            collection = ResolveCollection(execution, activity, loop.Collection);
            count = collection.Count;
        }
        else if (loop.LoopCardinality is not null)
        {
            var value = Evaluate(execution, activity.Id, loop.LoopCardinality);
            count = value is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d
                : value is JsonValue l && l.TryGetValue<long>(out var n) ? (int)n
                : throw new ExpressionException(activity.Id, loop.LoopCardinality, "loopCardinality did not give a number");
        }
        else
        {
            throw new WorkflowException($"{activity} is multi-instance but has neither tg:collection nor loopCardinality.");
        }

        execution.Kind = ExecutionKind.MultiInstance;
        execution.LoopCount = count;
        execution.CompletedCount = 0;
        execution.Variables = new JsonObject
        {
            [InstancesKey] = count,
            [CompletedKey] = 0,
            [ActiveKey] = 0,
        };
        if (collection is not null)
        {
            execution.Variables[CollectionKey] = collection.DeepClone();
        }

        var results = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            results.Add(null);
        }

        _state.Variables[ResultsVariable(activity.Id)] = results;
        ArmBoundariesIf(true, execution, activity);
        if (count <= 0)
        {
            FinishMultiInstance(execution, activity);
            return;
        }

        var toStart = loop.IsSequential ? 1 : count;
        for (var i = 0; i < toStart; i++)
        {
            StartInstance(execution, activity, i);
        }
    }

    private JsonArray ResolveCollection(Execution execution, Activity activity, string collection)
    {
        var locals = LocalsOf(execution);
        JsonNode? value = null;
        var found = false;
        if (locals is not null)
        {
            for (var i = locals.Count - 1; i >= 0 && !found; i--)
            {
                found = locals[i].TryGetPropertyValue(collection, out value);
            }
        }

        if (!found && !_state.Variables.TryGetPropertyValue(collection, out value))
        {
            value = Evaluate(execution, activity.Id, Unwrap(collection));
        }

        return value as JsonArray
            ?? throw new ExpressionException(activity.Id, collection, "tg:collection did not give an array");
    }

    private void StartInstance(Execution parent, Activity activity, int index)
    {
        var child = NewExecution(parent.Id, activity, ExecutionKind.Token);
        child.LoopIndex = index;
        child.Variables = new JsonObject { [LoopCounterKey] = index };
        var loop = activity.MultiInstance!;
        if (loop.ElementVariable is not null && parent.Variables?[CollectionKey] is JsonArray collection && index < collection.Count)
        {
            child.Variables[loop.ElementVariable] = collection[index]?.DeepClone();
        }

        parent.Variables![ActiveKey] = (parent.Variables[ActiveKey]?.GetValue<int>() ?? 0) + 1;
        Journal(JournalEventType.NodeEntered, activity, child, $"instance {index}");
        _agenda.Enqueue(new WorkItem(WorkKind.Body, child, activity, null));
    }

    private void CompleteMultiInstanceChild(Execution child, Execution parent, Activity activity)
    {
        Journal(JournalEventType.NodeCompleted, activity, child, $"instance {child.LoopIndex}");
        if (_state.Variables[ResultsVariable(activity.Id)] is JsonArray results && child.LoopIndex is { } index &&
            index < results.Count && results[index] is null)
        {
            results[index] = new JsonObject();
        }

        RemoveExecution(child);
        var completed = (parent.CompletedCount ?? 0) + 1;
        parent.CompletedCount = completed;
        var variables = parent.Variables ??= [];
        variables[CompletedKey] = completed;
        variables[ActiveKey] = Math.Max(0, (variables[ActiveKey]?.GetValue<int>() ?? 1) - 1);
        var count = parent.LoopCount ?? 0;
        var loop = activity.MultiInstance!;
        var done = completed >= count;
        if (!done && loop.CompletionCondition is not null)
        {
            var locals = LocalsOf(parent) ?? [];
            if (child.Variables is not null)
            {
                locals.Add(child.Variables);
            }

            done = _executor.Sandbox.EvaluateCondition(activity.Id, loop.CompletionCondition, _state.Variables, locals);
        }

        if (done)
        {
            CancelChildren(parent);
            FinishMultiInstance(parent, activity);
        }
        else if (loop.IsSequential)
        {
            StartInstance(parent, activity, completed);
        }
    }

    private void FinishMultiInstance(Execution parent, Activity activity)
    {
        if (activity.BoundaryEvents.Count > 0)
        {
            RemoveBookmarks(b => b.AttachedToExecutionId == parent.Id);
        }

        parent.Kind = ExecutionKind.Token;
        parent.Variables = null;
        parent.LoopCount = null;
        parent.CompletedCount = null;
        Journal(JournalEventType.NodeCompleted, activity, parent);
        Leave(parent, activity);
    }
}
