using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.Runtime;

/// <summary>What a message correlation reached.</summary>
/// <param name="Delivered">Waiting instances that received the message.</param>
/// <param name="Started">Instances started by message start events.</param>
public sealed record CorrelationResult(IReadOnlyList<Guid> Delivered, IReadOnlyList<Guid> Started)
{
    /// <summary>How many subscriptions and start events were hit.</summary>
    public int Count => Delivered.Count + Started.Count;
}

public sealed partial class WorkflowRuntime
{
    // Messages ------------------------------------------------------------------------------------

    /// <summary>
    /// Delivers a message to every instance waiting for <paramref name="messageName"/> with
    /// <paramref name="correlationKey"/>, and starts an instance of every latest definition with a matching
    /// message start event (its business key is the correlation key). Everything is saved in one transaction.
    /// </summary>
    public Task<CorrelationResult> CorrelateMessageAsync(
        string messageName, string? correlationKey, JsonObject? payload, Actor? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageName);
        return InStepAsync(
            actor ?? Actor.System,
            step => CorrelateInStepAsync(step, messageName, correlationKey, payload, cancellationToken),
            cancellationToken);
    }

    private async Task<CorrelationResult> CorrelateInStepAsync(
        Step step, string messageName, string? correlationKey, JsonObject? payload, CancellationToken cancellationToken)
    {
        var delivered = new List<Guid>();
        var subscriptions = await _store.FindSubscriptionsAsync(messageName, correlationKey, cancellationToken).ConfigureAwait(false);
        foreach (var subscription in subscriptions)
        {
            var loaded = await LoadAsync(step, subscription.InstanceId, cancellationToken).ConfigureAwait(false);

            // An earlier delivery in this step may have removed the bookmark (event-based gateway siblings).
            if (loaded.State.Status != InstanceStatus.Running || loaded.State.Bookmarks.All(b => b.Id != subscription.BookmarkId))
            {
                continue;
            }

            var command = new DeliverMessage(subscription.BookmarkId, step.Actor, payload is null ? null : (JsonObject)payload.DeepClone());
            await RunInStepAsync(
                step, loaded, () => _executor.ResumeAsync(loaded.Model, loaded.State, command, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            delivered.Add(subscription.InstanceId);
        }

        var started = new List<Guid>();
        foreach (var start in await _store.FindMessageStartsAsync(messageName, cancellationToken).ConfigureAwait(false))
        {
            var definition = await _store.GetDefinitionAsync(start.DefinitionId, cancellationToken).ConfigureAwait(false);
            if (definition is null)
            {
                continue;
            }

            var state = NewInstance(definition, correlationKey);
            var variables = payload is null ? null : (JsonObject)payload.DeepClone();
            await StartInStepAsync(step, definition, _models.Get(definition), state, variables, start.StartEventId, cancellationToken).ConfigureAwait(false);
            started.Add(state.Id);
        }

        return new CorrelationResult(delivered, started);
    }

    // Timers --------------------------------------------------------------------------------------

    /// <summary>
    /// Fires one timer now, due or not. For a start timer (<see cref="TimerRecord.IsStartTimer"/>) that starts a
    /// new instance and returns it; a cycle is re-armed for its next occurrence in the same transaction.
    /// </summary>
    /// <exception cref="WorkflowItemNotFoundException">No such timer (it fired or was cancelled already).</exception>
    /// <exception cref="WorkflowConcurrencyException">Another caller fired it at the same time; nothing was written.</exception>
    public async Task<InstanceState> FireTimerAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        var timer = await _store.GetTimerAsync(bookmarkId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowItemNotFoundException("Timer", bookmarkId);
        return await FireAsync(timer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fires up to <see cref="WorkflowWorkerOptions.BatchSize"/> timers due at <paramref name="now"/>, each in
    /// its own transaction: instance timers resume their instance, start timers start a new instance. A timer
    /// another caller fired first is skipped (the instance revision, or the consumed start timer row, decides),
    /// so concurrent callers fire each timer exactly once.
    /// </summary>
    /// <returns>How many timers this call fired.</returns>
    public async Task<int> FireDueTimersAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var due = await _store.FindDueTimersAsync(now, _options.Worker.BatchSize, cancellationToken).ConfigureAwait(false);
        var fired = 0;
        foreach (var timer in due)
        {
            try
            {
                await FireAsync(timer, cancellationToken).ConfigureAwait(false);
                fired++;
            }
            catch (WorkflowConcurrencyException)
            {
                LogTimerTakenElsewhere(timer.BookmarkId);
            }
            catch (WorkflowException ex)
            {
                // One broken instance must not hold up every other timer of the batch.
                LogTimerFailed(ex, timer.BookmarkId, timer.InstanceId?.ToString() ?? $"start of {timer.DefinitionKey}");
            }
        }

        return fired;
    }

    /// <summary>
    /// Fires the <c>tg:deadline</c> boundary timer waiting for <paramref name="alarm"/> on user task
    /// <paramref name="taskId"/> (for a multi-instance task, the timer on the whole activity) — called by the deadline
    /// module when the task's warning or due time has passed on the business calendar. Runs in the caller's
    /// transaction when there is one, so that the deadline's own record commits with the engine's step.
    /// </summary>
    /// <returns>False when nothing waits for that alarm any more (the task ended, or no such boundary event).</returns>
    /// <exception cref="WorkflowConcurrencyException">Another caller changed the instance first; nothing was written.</exception>
    public Task<bool> FireDeadlineAlarmAsync(Guid instanceId, string taskId, DeadlineAlarm alarm, CancellationToken cancellationToken = default) =>
        InStepAsync(
            Actor.System,
            async step =>
            {
                var loaded = await LoadAsync(step, instanceId, cancellationToken).ConfigureAwait(false);
                var state = loaded.State;
                var task = state.Bookmarks.FirstOrDefault(b => b.Id == taskId);
                if (task is null)
                {
                    return false;
                }

                var lineage = new HashSet<string>(StringComparer.Ordinal);
                var executions = state.Executions.ToDictionary(e => e.Id, StringComparer.Ordinal);
                for (var id = task.ExecutionId; id is not null && lineage.Add(id); id = executions.GetValueOrDefault(id)?.ParentId)
                {
                }

                var timer = state.Bookmarks.FirstOrDefault(b =>
                    b.Kind == BookmarkKind.Timer &&
                    b.AttachedToExecutionId is { } attached && lineage.Contains(attached) &&
                    loaded.Model.Nodes.GetValueOrDefault(b.NodeId) is BoundaryEvent { Deadline: { } waitsFor } && waitsFor == alarm);
                if (timer is null)
                {
                    return false;
                }

                var command = new FireTimer(timer.Id, Actor.System);
                await RunInStepAsync(
                    step, loaded, () => _executor.ResumeAsync(loaded.Model, loaded.State, command, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private Task<InstanceState> FireAsync(TimerRecord timer, CancellationToken cancellationToken) =>
        timer.InstanceId is { } instanceId
            ? FireAsync(instanceId, timer.BookmarkId, cancellationToken)
            : FireStartTimerAsync(timer, cancellationToken);

    /// <summary>
    /// Starts an instance from a timer start event: the timer row is consumed (and a cycle's next occurrence
    /// added) in the instance's own transaction, so a concurrent caller's save fails on the vanished row.
    /// </summary>
    private Task<InstanceState> FireStartTimerAsync(TimerRecord timer, CancellationToken cancellationToken) =>
        InStepAsync(
            Actor.System,
            async step =>
            {
                var definition = await _store.GetDefinitionAsync(timer.DefinitionId!.Value, cancellationToken).ConfigureAwait(false)
                    ?? throw new WorkflowItemNotFoundException("Definition", timer.DefinitionId.Value.ToString());
                var model = _models.Get(definition);
                var start = model.Content.StartEvents.FirstOrDefault(s => s.Id == timer.NodeId)
                    ?? throw new WorkflowException($"Definition {definition.Key} v{definition.Version} has no start event '{timer.NodeId}'.");
                _store.ConsumeStartTimer(timer);
                if (StartTimerSchedule.Next(timer, start) is { } next)
                {
                    _store.AddStartTimer(next);
                }

                var state = NewInstance(definition, businessKey: null);
                _store.AppendJournal(
                [
                    new JournalEntry(
                        state.Id, state.DefinitionKey, state.DefinitionVersion, state.BusinessKey, start.Id, start.ElementType,
                        JournalEventType.TimerFired, _timeProvider.GetUtcNow(), step.Actor.Id, null,
                        timer.DueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                ]);
                return await StartInStepAsync(step, definition, _models.Get(definition), state, null, start.Id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    private Task<InstanceState> FireAsync(Guid instanceId, string bookmarkId, CancellationToken cancellationToken) =>
        InStepAsync(
            Actor.System,
            async step =>
            {
                var loaded = await LoadAsync(step, instanceId, cancellationToken).ConfigureAwait(false);
                if (loaded.State.Bookmarks.All(b => b.Id != bookmarkId))
                {
                    // Read after another caller's commit: it fired already.
                    throw new WorkflowConcurrencyException(instanceId, $"Timer '{bookmarkId}' fired or was cancelled already.");
                }

                var command = new FireTimer(bookmarkId, Actor.System);
                await RunInStepAsync(
                    step, loaded, () => _executor.ResumeAsync(loaded.Model, loaded.State, command, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                return loaded.State;
            },
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Timer {BookmarkId} was fired by another caller")]
    private partial void LogTimerTakenElsewhere(string bookmarkId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {BookmarkId} of {Owner} could not fire")]
    private partial void LogTimerFailed(Exception exception, string bookmarkId, string owner);
}
