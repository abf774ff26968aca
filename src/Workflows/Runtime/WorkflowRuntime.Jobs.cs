using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.Runtime;

public sealed partial class WorkflowRuntime
{
    private readonly string _workerId = $"{Environment.MachineName}:{Guid.NewGuid():N}";

    /// <summary>
    /// Runs up to <see cref="WorkflowWorkerOptions.BatchSize"/> due async service task jobs. Each job is
    /// first locked with an immediate conditional update (so two workers never run the same job), its
    /// handler runs outside any transaction, then the instance is resumed in one transaction. A technical
    /// failure uses up one retry with exponential back-off; the last one raises an incident and the instance
    /// keeps waiting.
    /// </summary>
    /// <returns>How many jobs this call ran (successfully or not).</returns>
    public async Task<int> RunDueJobsAsync(CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        var due = await _store.FindDueJobsAsync(now, _options.Worker.BatchSize, cancellationToken).ConfigureAwait(false);
        var ran = 0;
        foreach (var job in due)
        {
            if (!await _store.TryLockJobAsync(job.BookmarkId, _workerId, now, now + _options.JobLockDuration, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            ran++;
            await RunJobAsync(job, cancellationToken).ConfigureAwait(false);
        }

        return ran;
    }

    private async Task RunJobAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var state = await _store.LoadInstanceAsync(job.InstanceId, cancellationToken).ConfigureAwait(false);
        if (state is null || state.Status != InstanceStatus.Running || state.Bookmarks.All(b => b.Id != job.BookmarkId))
        {
            DiscardStaged();
            await _store.ReleaseJobAsync(job.BookmarkId, _workerId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var model = await GetModelAsync(state.DefinitionId, cancellationToken).ConfigureAwait(false);
        DiscardStaged();

        ResumeCommand command;
        try
        {
            var output = await InvokeHandlerAsync(job, state, model, cancellationToken).ConfigureAwait(false);
            command = new CompleteJob(job.BookmarkId, Actor.System, output);
        }
        catch (BpmnErrorException ex)
        {
            command = new FailJobWithError(job.BookmarkId, Actor.System, ex.ErrorCode, ex.Message);
        }
#pragma warning disable CA1031 // Any handler failure is a technical failure to retry; it must not stop the worker.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            await RecordJobFailureAsync(job, state, ex, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await InStepAsync(
                Actor.System,
                async step =>
                {
                    var loaded = await LoadAsync(step, job.InstanceId, cancellationToken).ConfigureAwait(false);
                    if (loaded.State.Bookmarks.All(b => b.Id != job.BookmarkId))
                    {
                        throw new WorkflowConcurrencyException(job.InstanceId, $"Job '{job.BookmarkId}' is no longer waited for.");
                    }

                    await RunInStepAsync(
                        step, loaded, () => _executor.ResumeAsync(loaded.Model, loaded.State, command, cancellationToken), cancellationToken)
                        .ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowConcurrencyException)
        {
            // The instance moved meanwhile; if it still waits for the job, the job runs again later.
            await _store.ReleaseJobAsync(job.BookmarkId, _workerId, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowException ex)
        {
            await RecordJobFailureAsync(job, state, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject?> InvokeHandlerAsync(JobRecord job, InstanceState state, ProcessModel model, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGet(job.Handler, out var handler))
        {
            throw new ServiceTaskHandlerNotFoundException(job.NodeId, job.Handler);
        }

        var node = model.Nodes.GetValueOrDefault(job.NodeId);
        var context = new ServiceTaskContext(
            state.Id,
            state.DefinitionKey,
            state.BusinessKey,
            job.NodeId,
            node?.Name,
            node?.Extensions ?? new Dictionary<string, string>(StringComparer.Ordinal),
            (JsonObject)state.Variables.DeepClone());
        return await handler.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordJobFailureAsync(JobRecord job, InstanceState state, Exception error, CancellationToken cancellationToken)
    {
        DiscardStaged();
        var row = await _store.GetJobAsync(job.BookmarkId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        row.FailedAttempts++;
        row.RetriesLeft = Math.Max(0, row.RetriesLeft - 1);
        row.LastError = error.Message;
        row.LockOwner = null;
        row.LockedUntil = null;
        var entries = new List<JournalEntry>
        {
            Entry(state, job.NodeId, JournalEventType.JobFailed, now, $"{job.Handler}: {error.Message} ({row.RetriesLeft} retries left)"),
        };
        if (row.RetriesLeft > 0)
        {
            row.NextAttemptAt = now + (_options.JobRetryBackoff * Math.Pow(2, row.FailedAttempts - 1));
            LogJobFailed(error, job.BookmarkId, job.Handler, row.RetriesLeft);
        }
        else
        {
            row.NextAttemptAt = null;
            _store.AddIncident(new IncidentRecord
            {
                Id = Guid.NewGuid(),
                InstanceId = state.Id,
                BookmarkId = job.BookmarkId,
                NodeId = job.NodeId,
                Handler = job.Handler,
                Message = error.Message,
                CreatedAt = now,
            });
            entries.Add(Entry(state, job.NodeId, JournalEventType.IncidentRaised, now, error.Message));
            LogIncident(error, job.BookmarkId, job.Handler, state.Id);
        }

        _store.AppendJournal(entries);
        await _store.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives a failed job new attempts (after the cause was fixed) and resolves its incident.</summary>
    /// <exception cref="WorkflowItemNotFoundException">No such incident.</exception>
    public async Task RetryIncidentAsync(Guid incidentId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        try
        {
            var incident = await _store.GetIncidentAsync(incidentId, cancellationToken).ConfigureAwait(false)
                ?? throw new WorkflowItemNotFoundException("Incident", incidentId.ToString());
            if (incident.ResolvedAt is not null)
            {
                return;
            }

            var now = _timeProvider.GetUtcNow();
            var job = await _store.GetJobAsync(incident.BookmarkId, cancellationToken).ConfigureAwait(false);
            if (job is not null)
            {
                job.RetriesLeft = _options.IncidentRetryAttempts;
                job.FailedAttempts = 0;
                job.NextAttemptAt = now;
                job.LockOwner = null;
                job.LockedUntil = null;
            }

            incident.ResolvedAt = now;
            incident.ResolvedBy = actor.Id;
            var state = await _store.LoadInstanceAsync(incident.InstanceId, cancellationToken).ConfigureAwait(false);
            if (state is not null)
            {
                _store.AppendJournal([Entry(state, incident.NodeId, JournalEventType.IncidentResolved, now, $"retried by {actor.Id}", actor.Id)]);
            }

            await _store.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            DiscardStaged();
            throw;
        }
    }

    private static JournalEntry Entry(InstanceState state, string nodeId, JournalEventType type, DateTimeOffset at, string detail, string? actorId = null) =>
        new(state.Id, state.DefinitionKey, state.DefinitionVersion, state.BusinessKey, nodeId, "serviceTask", type, at,
            actorId ?? Actor.System.Id, null, detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {BookmarkId} ({Handler}) failed; {RetriesLeft} retries left")]
    private partial void LogJobFailed(Exception exception, string bookmarkId, string handler, int retriesLeft);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {BookmarkId} ({Handler}) of instance {InstanceId} ran out of retries; incident raised")]
    private partial void LogIncident(Exception exception, string bookmarkId, string handler, Guid instanceId);
}
