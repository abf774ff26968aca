using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Tongguan.Sla.Deadlines.Scheduling.Quartz;

/// <summary>
/// The one Quartz job behind every wake-up and the safety sweep: runs <see cref="IDeadlineSweep"/> from a scope of
/// its own. Deliberately not [DisallowConcurrentExecution]: the sweep claims rows, so overlapping runs share the work
/// rather than repeat it, while a non-concurrent job would let one hung sweep hold back every wake-up in the cluster,
/// and Quartz defers recovering such a job from a dead node by a further check-in round.
/// </summary>
internal sealed partial class DeadlineSweepJob(IServiceScopeFactory scopes, ILogger<DeadlineSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("deadline-sweep", "tongguan-deadlines");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // A fresh scope per run, whatever the job factory does: the sweep's DbContext must not outlive one run.
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var sweep = scope.ServiceProvider.GetRequiredService<IDeadlineSweep>();
            try
            {
                var result = await sweep.RunAsync(cancellationToken).ConfigureAwait(false);
                LogSwept(logger, context.Trigger.Key.Name, result.Warned, result.Breached);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The trigger is spent either way; the deadlines it was for stay pending in sla_deadlines and the
                // next wake-up or safety sweep fires them. Refiring at once would hammer a database that is down.
                LogSweepFailed(logger, e, context.Trigger.Key.Name);
                throw new JobExecutionException("The deadline sweep failed; the next sweep retries its deadlines.", e)
                {
                    RefireImmediately = false,
                };
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deadline sweep for {Trigger}: {Warned} warned, {Breached} breached")]
    private static partial void LogSwept(ILogger logger, string trigger, int warned, int breached);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline sweep for {Trigger} failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string trigger);
}
