using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Tongguan.Sla.Deadlines.Scheduling.Hangfire;

/// <summary>
/// Keeps the safety sweep as one Hangfire recurring job, (re)written at start-up by every node that runs sweeps.
/// </summary>
/// <remarks>
/// A recurring job, not a self-re-scheduling chain: Hangfire 1.8 reads six-field (seconds) cron expressions and its
/// recurring-job scheduler polls at the server's schedule polling interval, so second-level periods work; the
/// recurring job lives once in the store under a fixed id and one node (the one holding Hangfire's recurring-jobs
/// lock) enqueues each occurrence, so there is one safety sweep per period for the whole cluster. Rewriting it at
/// every start is idempotent and applies a changed interval. Cron can only express periods that divide a minute or
/// an hour evenly, so the interval is rounded down to such a period (5, 10, 15, 20, 30 s; 1, 2, 3, 4, 5, 6, 10, 12,
/// 15, 20, 30, 60 min…): sweeping more often than asked is harmless; less often would break the promise.
/// </remarks>
internal sealed class SafetySweepSchedule(IRecurringJobManager recurringJobs, IOptions<DeadlineSchedulingOptions> options)
    : IHostedService
{
    private static readonly int[] DivisorsOfSixty = [60, 30, 20, 15, 12, 10, 6, 5, 4, 3, 2, 1];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RunSweeps)
        {
            recurringJobs.AddOrUpdate<DeadlineSweepJob>(
                HangfireDeadlineScheduling.SafetySweepJobId,
                job => job.SafetySweepAsync(CancellationToken.None),
                CronFor(options.Value.SafetySweepInterval),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A six-field cron expression for the longest cron-expressible period not above <paramref name="interval"/>.</summary>
    internal static string CronFor(TimeSpan interval)
    {
        var seconds = (int)Math.Clamp(Math.Floor(interval.TotalSeconds), 1, 3600);
        if (seconds < 60)
        {
            var step = DivisorsOfSixty.First(d => d <= seconds);
            return step == 1 ? "* * * * * *" : string.Create(CultureInfo.InvariantCulture, $"*/{step} * * * * *");
        }

        var minutes = DivisorsOfSixty.First(d => d <= seconds / 60);
        return minutes switch
        {
            60 => "0 0 * * * *",
            1 => "0 * * * * *",
            _ => string.Create(CultureInfo.InvariantCulture, $"0 */{minutes} * * * *"),
        };
    }
}
