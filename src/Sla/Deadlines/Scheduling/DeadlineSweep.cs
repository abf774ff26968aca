using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Sla.Deadlines.Scheduling;

/// <summary>
/// Fires due deadlines exactly once however many nodes sweep at the same time: every firing is a conditional update
/// of the deadline row ("still pending, not yet warned/breached, not paused, due") that only one transaction can win,
/// committed together with its consequences.
/// </summary>
/// <remarks>
/// Deadlines without an alarm in the BPMN only change colour, so they are marked set-wise, one statement per colour.
/// A deadline whose task has a <c>tg:deadline</c> boundary timer is fired one by one, each in its own transaction
/// with the engine step the timer causes (typically the escalation): a crash before the commit leaves the row due,
/// and the next sweep fires it.
/// With an <see cref="IBulkChangeRecorder"/> (the app's audit trail), the colours are marked in batches of
/// <see cref="BatchSize"/>, each batch in one transaction with the record of the rows it changed.
/// </remarks>
internal sealed partial class DeadlineSweep<TContext>(
    TContext db,
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    ILogger<DeadlineSweep<TContext>> logger,
    IEnumerable<IBulkChangeRecorder> recorders) : IDeadlineSweep
    where TContext : DbContext
{
    internal const int BatchSize = 2_000;

    private static readonly int AlarmParallelism = Math.Clamp(Environment.ProcessorCount * 2, 2, 8);

    public async Task<DeadlineSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var warned = await MarkWarningsAsync(now, cancellationToken).ConfigureAwait(false);
        var breached = await MarkBreachesAsync(now, cancellationToken).ConfigureAwait(false);
        var (alarmsWarned, alarmsBreached) = await FireAlarmsAsync(now, cancellationToken).ConfigureAwait(false);
        var result = new DeadlineSweepResult(warned + alarmsWarned, breached + alarmsBreached);
        if (result.Warned + result.Breached > 0)
        {
            LogSwept(result.Warned, result.Breached);
        }

        return result;
    }

    // SQLite has one writer: parallel transactions would only queue on its lock.
    private int Parallelism => db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true ? 1 : AlarmParallelism;

    private IQueryable<DeadlineRecord> Running => db.Set<DeadlineRecord>().Where(d => d.Status == DeadlineStatus.Pending && d.PausedAt == null);

    // One statement each, with every condition on the table itself: when two sweeps race, PostgreSQL and SQL Server
    // re-check a row's conditions after waiting for the other's lock, so the loser skips it. (A LIMIT-ed sub-select
    // would not be re-checked, and both would mark the same rows.)
    private Task<int> MarkWarningsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = Running.Where(d => !d.WarningAlarm && d.WarnedAt == null && d.WarningAt <= now);
        return recorders.Any()
            ? MarkRecordedAsync(due, breach: false, now, cancellationToken)
            : due.ExecuteUpdateAsync(u => u.SetProperty(d => d.WarnedAt, now), cancellationToken);
    }

    // A deadline found past due while never marked yellow (the nodes were down through its warning) gets both marks,
    // so that "red" always implies "was yellow".
    private Task<int> MarkBreachesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = Running.Where(d => !d.DueAlarm && d.BreachedAt == null && d.DueAt <= now && (d.WarnedAt != null || !d.WarningAlarm));
        return recorders.Any()
            ? MarkRecordedAsync(due, breach: true, now, cancellationToken)
            : due.ExecuteUpdateAsync(
                u => u.SetProperty(d => d.BreachedAt, now).SetProperty(d => d.WarnedAt, d => d.WarnedAt ?? now),
                cancellationToken);
    }

    /// <summary>
    /// The marking with a record of each changed row: per batch, read the due rows' ids (and what the mark changes),
    /// mark exactly those (the statement re-checks every condition, so a racing node's rows are skipped), and hand the
    /// recorder the rows this statement changed, all in one transaction.
    /// </summary>
    private async Task<int> MarkRecordedAsync(IQueryable<DeadlineRecord> due, bool breach, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var batch = await due.OrderBy(d => d.Id).Take(BatchSize).AsNoTracking()
                    .Select(d => new Marked(d.Id, d.WarnedAt))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return total;
                }

                var ids = batch.Select(m => m.Id).ToList();
                var changed = await MarkAsync(due.Where(d => ids.Contains(d.Id)), breach, now, cancellationToken).ConfigureAwait(false);
                if (changed < batch.Count)
                {
                    // Another node marked some of these between the read and the update, and nothing tells its rows from
                    // ours (both may carry the same instant): undo, and mark the batch row by row, where each statement's
                    // count says whose the row is. Rare — only when two sweeps meet on the same rows.
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    total += await MarkRowByRowAsync(due, batch, breach, now, cancellationToken).ConfigureAwait(false);
                    if (batch.Count < BatchSize)
                    {
                        return total;
                    }

                    continue;
                }

                await RecordAsync(batch, breach, now, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                total += changed;
                if (ids.Count < BatchSize)
                {
                    return total;
                }
            }
        }
    }

    private static Task<int> MarkAsync(IQueryable<DeadlineRecord> rows, bool breach, DateTimeOffset now, CancellationToken cancellationToken) =>
        breach
            ? rows.ExecuteUpdateAsync(u => u.SetProperty(d => d.BreachedAt, now).SetProperty(d => d.WarnedAt, d => d.WarnedAt ?? now), cancellationToken)
            : rows.ExecuteUpdateAsync(u => u.SetProperty(d => d.WarnedAt, now), cancellationToken);

    /// <summary>The contended batch, one statement per row, recorded and committed together.</summary>
    private async Task<int> MarkRowByRowAsync(IQueryable<DeadlineRecord> due, List<Marked> batch, bool breach, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var ours = new List<Marked>();
            foreach (var marked in batch)
            {
                var id = marked.Id;
                if (await MarkAsync(due.Where(d => d.Id == id), breach, now, cancellationToken).ConfigureAwait(false) == 1)
                {
                    ours.Add(marked);
                }
            }

            await RecordAsync(ours, breach, now, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return ours.Count;
        }
    }

    /// <summary>Hands the recorders the rows this sweep marked, in its open transaction.</summary>
    private async Task RecordAsync(List<Marked> marked, bool breach, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changes = marked.Select(m => breach ? Breached(m.Id, m.WarnedAt, now) : Warned(m.Id, now)).ToList();
        foreach (var recorder in recorders)
        {
            await recorder.RecordAsync(db, typeof(DeadlineRecord), SystemActors.DeadlineSweep, changes, cancellationToken).ConfigureAwait(false);
        }
    }

    private static BulkRowChange Warned(Guid id, DateTimeOffset now) =>
        new(id.ToString(), [new(nameof(DeadlineRecord.WarnedAt), null)], [new(nameof(DeadlineRecord.WarnedAt), now)]);

    private static BulkRowChange Breached(Guid id, DateTimeOffset? warnedAt, DateTimeOffset now) => warnedAt is null
        ? new(
            id.ToString(),
            [new(nameof(DeadlineRecord.BreachedAt), null), new(nameof(DeadlineRecord.WarnedAt), null)],
            [new(nameof(DeadlineRecord.BreachedAt), now), new(nameof(DeadlineRecord.WarnedAt), now)])
        : new(id.ToString(), [new(nameof(DeadlineRecord.BreachedAt), null)], [new(nameof(DeadlineRecord.BreachedAt), now)]);

    private async Task<(int Warned, int Breached)> FireAlarmsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (warned, breached) = (0, 0);
        while (true)
        {
            var due = await Running
                .Where(d => (d.WarningAlarm && d.WarnedAt == null && d.WarningAt <= now) ||
                            (d.DueAlarm && d.BreachedAt == null && d.DueAt <= now))
                .OrderBy(d => d.WarningAt)
                .Take(BatchSize)
                .Select(d => new Alarm(d.Id, d.InstanceId, d.BookmarkId, d.WarningAlarm && d.WarnedAt == null, d.WarnedAt))
                .AsNoTracking()
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            // Different instances do not contend, so a few run at once: each is mostly waiting on the database.
            var firedWarnings = 0;
            var firedBreaches = 0;
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (alarm, token) =>
                {
                    if (await FireAsync(alarm, now, token).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref alarm.IsWarning ? ref firedWarnings : ref firedBreaches);
                    }
                }).ConfigureAwait(false);
            warned += firedWarnings;
            breached += firedBreaches;
            var firedHere = firedWarnings + firedBreaches;

            // Again while this pass fired something: a warning alarm fired late may leave its breach due as well.
            // Stop when nothing fired: nothing is due, or the rest are fired by other nodes (or keep failing).
            if (firedHere == 0)
            {
                return (warned, breached);
            }
        }
    }

    /// <summary>One alarm in one transaction: claim the row, fire the engine's boundary timer, commit both or neither.</summary>
    private async Task<bool> FireAsync(Alarm alarm, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    var rows = context.Set<DeadlineRecord>()
                        .Where(d => d.Id == alarm.Id && d.Status == DeadlineStatus.Pending && d.PausedAt == null);
                    var claimed = alarm.IsWarning
                        ? await rows.Where(d => d.WarnedAt == null)
                            .ExecuteUpdateAsync(u => u.SetProperty(d => d.WarnedAt, now), cancellationToken).ConfigureAwait(false)
                        : await rows.Where(d => d.BreachedAt == null)
                            .ExecuteUpdateAsync(u => u.SetProperty(d => d.BreachedAt, now).SetProperty(d => d.WarnedAt, d => d.WarnedAt ?? now), cancellationToken)
                            .ConfigureAwait(false);
                    if (claimed == 0)
                    {
                        return false;
                    }

                    var changes = new[] { alarm.IsWarning ? Warned(alarm.Id, now) : Breached(alarm.Id, alarm.WarnedAt, now) };
                    foreach (var recorder in scope.ServiceProvider.GetServices<IBulkChangeRecorder>())
                    {
                        await recorder.RecordAsync(context, typeof(DeadlineRecord), SystemActors.DeadlineSweep, changes, cancellationToken).ConfigureAwait(false);
                    }

                    await runtime.FireDeadlineAlarmAsync(
                        alarm.InstanceId, alarm.TaskId, alarm.IsWarning ? DeadlineAlarm.Warning : DeadlineAlarm.Due, cancellationToken)
                        .ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (WorkflowConcurrencyException)
                {
                    // The instance moved on under us (the task completed, another node fired): the next sweep decides.
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    return false;
                }
                catch (Exception ex) when (ex is WorkflowException or DbUpdateException)
                {
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    LogAlarmFailed(ex, alarm.Id, alarm.InstanceId);
                    return false;
                }
            }
        }
    }

    private sealed record Alarm(Guid Id, Guid InstanceId, string TaskId, bool IsWarning, DateTimeOffset? WarnedAt);

    private sealed record Marked(Guid Id, DateTimeOffset? WarnedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep: {Warned} turned yellow, {Breached} turned red")]
    private partial void LogSwept(int warned, int breached);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline {DeadlineId} of instance {InstanceId} could not fire; it stays due and is retried")]
    private partial void LogAlarmFailed(Exception exception, Guid deadlineId, Guid instanceId);
}
