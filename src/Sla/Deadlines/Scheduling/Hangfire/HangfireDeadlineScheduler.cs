using System.Collections.Concurrent;
using Hangfire;

namespace Tongguan.Sla.Deadlines.Scheduling.Hangfire;

/// <summary>
/// Schedules one delayed Hangfire job per wake-up second, through this node's own <see cref="IBackgroundJobClient"/>
/// (never the static <c>BackgroundJob</c>, which would use whichever storage the process configured last).
/// </summary>
/// <remarks>
/// Wake-ups are rounded up to the next whole second, so the sweep never runs before the instant asked for, and all
/// requests for one second share one job: a thousand deadlines due in the same second cost one job. A wake-up already
/// due is enqueued at once, never coalesced: a job enqueued earlier may already be sweeping and miss the row just
/// committed. Thread-safe.
/// </remarks>
internal sealed class HangfireDeadlineScheduler(IBackgroundJobClient jobs, TimeProvider time) : IDeadlineScheduler
{
    private static readonly long TicksPerSecond = TimeSpan.TicksPerSecond;

    private readonly ConcurrentDictionary<DateTimeOffset, Lazy<string>> _scheduled = new();
    private long _prunedAtTicks;

    public Task ScheduleWakeUpAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var second = WakeUpSecond.Ceiling(at);
        if (second <= now)
        {
            jobs.Enqueue<DeadlineSweepJob>(job => job.WakeUpAsync(at, CancellationToken.None));
            return Task.CompletedTask;
        }

        PruneElapsed(now);
        var scheduling = _scheduled.GetOrAdd(
            second,
            instant => new Lazy<string>(
                () => jobs.Schedule<DeadlineSweepJob>(job => job.WakeUpAsync(instant, CancellationToken.None), instant),
                LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            _ = scheduling.Value;
        }
        catch (Exception)
        {
            // Forget the failed attempt so that the caller's retry (or the next request for this second) tries again.
            _scheduled.TryRemove(new KeyValuePair<DateTimeOffset, Lazy<string>>(second, scheduling));
            throw;
        }

        return Task.CompletedTask;
    }

    /// <summary>Drops seconds that have passed (their jobs are in the store); at most once a second, not per call.</summary>
    private void PruneElapsed(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _prunedAtTicks);
        if (now.UtcTicks - last < TicksPerSecond || Interlocked.CompareExchange(ref _prunedAtTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var entry in _scheduled)
        {
            if (entry.Key <= now)
            {
                _scheduled.TryRemove(entry);
            }
        }
    }
}
