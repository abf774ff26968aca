using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tongguan.Workflows.Execution;

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
            await StartInStepAsync(step, definition, state, variables, start.StartEventId, cancellationToken).ConfigureAwait(false);
            started.Add(state.Id);
        }

        return new CorrelationResult(delivered, started);
    }

    // Timers --------------------------------------------------------------------------------------

    /// <summary>Fires one timer now, due or not.</summary>
    /// <exception cref="WorkflowItemNotFoundException">No such timer (it fired or was cancelled already).</exception>
    public async Task<InstanceState> FireTimerAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        var timer = await _store.GetTimerAsync(bookmarkId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowItemNotFoundException("Timer", bookmarkId);
        return await FireAsync(timer.InstanceId, bookmarkId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fires up to <see cref="WorkflowWorkerOptions.BatchSize"/> timers due at <paramref name="now"/>, each in
    /// its own transaction. A timer another caller fired first is skipped (the instance revision decides), so
    /// concurrent callers fire each timer exactly once.
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
                await FireAsync(timer.InstanceId, timer.BookmarkId, cancellationToken).ConfigureAwait(false);
                fired++;
            }
            catch (WorkflowConcurrencyException)
            {
                LogTimerTakenElsewhere(timer.BookmarkId);
            }
            catch (WorkflowException ex)
            {
                // One broken instance must not hold up every other timer of the batch.
                LogTimerFailed(ex, timer.BookmarkId, timer.InstanceId);
            }
        }

        return fired;
    }

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {BookmarkId} of instance {InstanceId} could not fire")]
    private partial void LogTimerFailed(Exception exception, string bookmarkId, Guid instanceId);
}
