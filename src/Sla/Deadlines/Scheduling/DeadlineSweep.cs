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
/// </remarks>
internal sealed partial class DeadlineSweep<TContext>(
    TContext db, IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger<DeadlineSweep<TContext>> logger) : IDeadlineSweep
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
    private Task<int> MarkWarningsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Running
            .Where(d => !d.WarningAlarm && d.WarnedAt == null && d.WarningAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.WarnedAt, now), cancellationToken);

    // A deadline found past due while never marked yellow (the nodes were down through its warning) gets both marks,
    // so that "red" always implies "was yellow".
    private Task<int> MarkBreachesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Running
            .Where(d => !d.DueAlarm && d.BreachedAt == null && d.DueAt <= now && (d.WarnedAt != null || !d.WarningAlarm))
            .ExecuteUpdateAsync(
                u => u.SetProperty(d => d.BreachedAt, now).SetProperty(d => d.WarnedAt, d => d.WarnedAt ?? now),
                cancellationToken);

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
                .Select(d => new Alarm(d.Id, d.InstanceId, d.BookmarkId, d.WarningAlarm && d.WarnedAt == null))
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

    private sealed record Alarm(Guid Id, Guid InstanceId, string TaskId, bool IsWarning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep: {Warned} turned yellow, {Breached} turned red")]
    private partial void LogSwept(int warned, int breached);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline {DeadlineId} of instance {InstanceId} could not fire; it stays due and is retried")]
    private partial void LogAlarmFailed(Exception exception, Guid deadlineId, Guid instanceId);
}
