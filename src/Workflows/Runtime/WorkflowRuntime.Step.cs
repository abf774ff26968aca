using System.Text.Json.Nodes;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.Runtime;

/// <summary>One runtime call: every instance it touches, saved together in one transaction.</summary>
public sealed partial class WorkflowRuntime
{
    private sealed class Step(Actor actor)
    {
        /// <summary>A step of another actor in the same unit of work: it shares the instances touched so far.</summary>
        public Step(Actor actor, Step shared)
            : this(actor)
        {
            Instances = shared.Instances;
            CompletedTasks = shared.CompletedTasks;
            ReportingChildren = shared.ReportingChildren;
        }

        public Actor Actor { get; } = actor;

        public Dictionary<Guid, Loaded> Instances { get; } = [];

        public List<(string TaskId, string ActorId)> CompletedTasks { get; } = [];

        /// <summary>Children whose end is being reported to their parent right now; not to be cancelled.</summary>
        public HashSet<Guid> ReportingChildren { get; } = [];
    }

    private sealed record Loaded(InstanceState State, ProcessModel Model);

    private async Task<Loaded> LoadAsync(Step step, Guid instanceId, CancellationToken cancellationToken)
    {
        if (step.Instances.TryGetValue(instanceId, out var loaded))
        {
            return loaded;
        }

        var state = await _store.LoadInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowItemNotFoundException("Instance", instanceId.ToString());
        var model = await GetModelAsync(state.DefinitionId, cancellationToken).ConfigureAwait(false);
        loaded = new Loaded(state, model);
        step.Instances[instanceId] = loaded;
        return loaded;
    }

    private async Task<ProcessModel> GetModelAsync(Guid definitionId, CancellationToken cancellationToken)
    {
        if (_models.TryGet(definitionId, out var model))
        {
            return model;
        }

        var definition = await _store.GetDefinitionAsync(definitionId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowItemNotFoundException("Definition", definitionId.ToString());
        return _models.Get(definition);
    }

    private InstanceState NewInstance(DefinitionRecord definition, string? businessKey, ParentLink? parent = null, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        DefinitionId = definition.Id,
        DefinitionKey = definition.Key,
        DefinitionVersion = definition.Version,
        BusinessKey = businessKey,
        Parent = parent,
        StartedAt = _timeProvider.GetUtcNow(),
    };

    /// <summary>Starts a new instance inside <paramref name="step"/> and follows everything it causes.</summary>
    private async Task<InstanceState> StartInStepAsync(
        Step step, DefinitionRecord definition, ProcessModel model, InstanceState state, JsonObject? variables, string? startEventId,
        CancellationToken cancellationToken)
    {
        var loaded = new Loaded(state, model);
        step.Instances[state.Id] = loaded;
        var outcome = await _executor.StartAsync(model, state, variables, step.Actor, startEventId, cancellationToken).ConfigureAwait(false);
        await FollowAsync(step, loaded, [], outcome, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <summary>Runs <paramref name="execute"/> on a loaded instance and follows everything it causes.</summary>
    private async Task RunInStepAsync(
        Step step, Loaded loaded, Func<ValueTask<ExecutionOutcome>> execute, CancellationToken cancellationToken)
    {
        var childrenBefore = WaitingChildren(loaded.State);
        var outcome = await execute().ConfigureAwait(false);
        await FollowAsync(step, loaded, childrenBefore, outcome, cancellationToken).ConfigureAwait(false);
    }

    private static HashSet<Guid> WaitingChildren(InstanceState state) =>
        state.Bookmarks.Where(b => b.Kind == BookmarkKind.CallActivity && b.ChildInstanceId is not null)
            .Select(b => b.ChildInstanceId!.Value)
            .ToHashSet();

    /// <summary>
    /// Persists the consequences of one execution step in the same unit of work: journal, child instances
    /// started or cancelled, messages correlated, and the parent resumed when a child ended.
    /// </summary>
    private async Task FollowAsync(
        Step step, Loaded loaded, HashSet<Guid> childrenBefore, ExecutionOutcome outcome, CancellationToken cancellationToken)
    {
        var state = loaded.State;
        _store.AppendJournal(outcome.Journal);
        if (_observers.Length > 0)
        {
            var observed = new WorkflowStep(state, loaded.Model, outcome, step.Actor, _timeProvider.GetUtcNow());
            foreach (var observer in _observers)
            {
                await observer.OnStepAsync(observed, cancellationToken).ConfigureAwait(false);
            }
        }

        // A call activity that stopped waiting without its child ending (cancel, interrupting boundary event,
        // migration) takes its child down with it.
        childrenBefore.ExceptWith(WaitingChildren(state));
        childrenBefore.ExceptWith(step.ReportingChildren);
        foreach (var childId in childrenBefore)
        {
            var child = await LoadAsync(step, childId, cancellationToken).ConfigureAwait(false);
            if (child.State.Status == InstanceStatus.Running)
            {
                await RunInStepAsync(
                    step,
                    child,
                    () => ValueTask.FromResult(_executor.Cancel(child.Model, child.State, step.Actor, $"Parent instance {state.Id} no longer waits for it.")),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var start in outcome.ChildStarts.ToList())
        {
            var definition = await _store.GetDefinitionAsync(start.ProcessKey, start.Version, cancellationToken).ConfigureAwait(false)
                ?? throw new DefinitionNotFoundException(start.ProcessKey, start.Version);
            var child = NewInstance(definition, state.BusinessKey, new ParentLink(state.Id, start.ExecutionId, start.BookmarkId), start.ChildInstanceId);
            await StartInStepAsync(step, definition, _models.Get(definition), child, start.Variables, null, cancellationToken).ConfigureAwait(false);
        }

        foreach (var message in outcome.Messages.ToList())
        {
            await CorrelateInStepAsync(step, message.MessageName, message.CorrelationKey, message.Payload, cancellationToken).ConfigureAwait(false);
        }

        if (state.Status != InstanceStatus.Running && state.Parent is { } link)
        {
            await ReportToParentAsync(step, state, link, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReportToParentAsync(Step step, InstanceState child, ParentLink link, CancellationToken cancellationToken)
    {
        var parent = await LoadAsync(step, link.InstanceId, cancellationToken).ConfigureAwait(false);
        if (parent.State.Status != InstanceStatus.Running || parent.State.Bookmarks.All(b => b.Id != link.BookmarkId))
        {
            // The parent stopped waiting already (it is the one cancelling this child).
            return;
        }

        ResumeCommand command = child.Status switch
        {
            InstanceStatus.Completed or InstanceStatus.Terminated =>
                new CompleteChild(link.BookmarkId, step.Actor, (JsonObject)child.Variables.DeepClone()),
            InstanceStatus.Faulted => new FailChild(link.BookmarkId, step.Actor, child.FaultCode ?? "error", child.FaultMessage),
            _ => new FailChild(link.BookmarkId, step.Actor, "cancelled", $"Child instance {child.Id} was cancelled."),
        };
        step.ReportingChildren.Add(child.Id);
        await RunInStepAsync(
            step,
            parent,
            () => _executor.ResumeAsync(parent.Model, parent.State, command, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves every touched instance and whatever else is staged, atomically.</summary>
    private async Task CommitAsync(Step step, CancellationToken cancellationToken)
    {
        foreach (var loaded in step.Instances.Values)
        {
            await _store.SaveInstanceAsync(loaded.State, cancellationToken).ConfigureAwait(false);
        }

        var now = _timeProvider.GetUtcNow();
        foreach (var (taskId, actorId) in step.CompletedTasks)
        {
            await _store.MarkTaskCompletedAsync(taskId, actorId, now, cancellationToken).ConfigureAwait(false);
        }

        await _store.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops everything staged for the unit of work: the store's and the step observers' changes.</summary>
    private void DiscardStaged()
    {
        _store.DiscardChanges();
        foreach (var observer in _observers)
        {
            observer.DiscardStaged();
        }
    }

    /// <summary>Runs one unit of work; on any failure nothing of it stays staged, so a retry starts clean.</summary>
    private async Task<T> InStepAsync<T>(Actor actor, Func<Step, Task<T>> work, CancellationToken cancellationToken)
    {
        var step = new Step(actor);
        try
        {
            var result = await work(step).ConfigureAwait(false);
            await CommitAsync(step, cancellationToken).ConfigureAwait(false);
            await NotifySavedAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception)
        {
            DiscardStaged();
            throw;
        }
    }

    private async Task NotifySavedAsync(CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            await observer.OnSavedAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
