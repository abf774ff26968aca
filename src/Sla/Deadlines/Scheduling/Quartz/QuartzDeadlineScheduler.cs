using System.Globalization;
using Quartz;

namespace Tongguan.Sla.Deadlines.Scheduling.Quartz;

/// <summary>
/// <see cref="IDeadlineScheduler"/> over a clustered Quartz.NET ADO.NET job store: one one-shot trigger per second
/// that has a wake-up, keyed by that second, so requests for the same second from any node make one trigger.
/// </summary>
internal sealed class QuartzDeadlineScheduler(DeadlineSweepSchedule schedule, TimeProvider time) : IDeadlineScheduler
{
    public const string WakeUpGroup = "tongguan-deadline-wakeups";

    public async Task ScheduleWakeUpAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await schedule.GetSchedulerAsync(cancellationToken).ConfigureAwait(false);

        // A past instant becomes now: Quartz would otherwise leave a trigger older than its misfire threshold to the
        // misfire handler, which runs seconds later. Rounding up never wakes the sweep before the instant asked for.
        var now = time.GetUtcNow();
        var fireAt = WakeUpSecond.Ceiling(at > now ? at : now);
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(WakeUpKey(fireAt))
            .ForJob(DeadlineSweepJob.Key)
            .StartAt(fireAt)
            .WithSchedule(SimpleScheduleBuilder.Create()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

        // Keep: a pending trigger for the same second already wakes the sweep then. One that has begun firing is
        // replaced, so a deadline committed while that sweep runs still gets a sweep after it.
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken).ConfigureAwait(false);
    }

    internal static TriggerKey WakeUpKey(DateTimeOffset fireAt) =>
        new("wake-" + fireAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), WakeUpGroup);
}
