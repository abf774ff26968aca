using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
/// <para>
/// Written in the background, again until it succeeds: Hangfire takes a distributed lock on the recurring job to write
/// it, and a node killed while holding that lock leaves it until Hangfire's lock timeout. A node started meanwhile must
/// not fail its start over it — the job is already in the store, written by an earlier start.
/// </para>
internal sealed partial class SafetySweepSchedule(
    IRecurringJobManager recurringJobs, IOptions<DeadlineSchedulingOptions> options, TimeProvider timeProvider, ILogger<SafetySweepSchedule> logger)
    : IHostedService, IDisposable
{
    private static readonly int[] DivisorsOfSixty = [60, 30, 20, 15, 12, 10, 6, 5, 4, 3, 2, 1];

    /// <summary>Between two attempts to write the recurring job.</summary>
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    // The first attempt within the host's start, so a node that starts cleanly has the job written when it listens; after
    // a failed one (which waited once for the lock's timeout) the retries run in the background.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RunSweeps && !TryWrite(1))
        {
            _retrying = RetryAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Disposed first (which cancelled the retries): WebApplicationFactory's disposal at times stops a host whose
            // services are already disposed. Throwing here failed a test class's clean-up and with it a whole CI run.
            return;
        }

        try
        {
            await _retrying.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting to try again.
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RetryAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 2; ; attempt++)
        {
            await Task.Delay(RetryDelay, timeProvider, stoppingToken).ConfigureAwait(false);
            if (TryWrite(attempt))
            {
                return;
            }
        }
    }

    private bool TryWrite(int attempt)
    {
        try
        {
            recurringJobs.AddOrUpdate<DeadlineSweepJob>(
                HangfireDeadlineScheduling.SafetySweepJobId,
                job => job.SafetySweepAsync(CancellationToken.None),
                CronFor(options.Value.SafetySweepInterval),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            NotWritten(logger, attempt, RetryDelay.TotalSeconds, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The deadline safety sweep's recurring job could not be written (attempt {Attempt}; another node may hold Hangfire's lock on it, e.g. one that was killed); trying again in {Seconds} s. Sweeps already scheduled keep running.")]
    private static partial void NotWritten(ILogger logger, int attempt, double seconds, Exception exception);

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
