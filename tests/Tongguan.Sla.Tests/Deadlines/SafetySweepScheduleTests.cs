using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.Deadlines.Scheduling.Hangfire;

namespace Tongguan.Sla.Tests.Deadlines;

public sealed class SafetySweepScheduleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Start_WritesTheRecurringJobOnce_WithItsCron()
    {
        var jobs = new RecurringJobs(failures: 0);
        using var schedule = Schedule(jobs);

        await schedule.StartAsync(CancellationToken.None);
        await schedule.StopAsync(CancellationToken.None);

        Assert.Equal([("*/30 * * * * *", HangfireDeadlineScheduling.SafetySweepJobId)], jobs.Written);
    }

    [Fact]
    public async Task AWriteThatFails_IsTriedAgainAfterTheRetryDelay_WithoutFailingTheStart()
    {
        var jobs = new RecurringJobs(failures: 2);
        using var schedule = Schedule(jobs);

        await schedule.StartAsync(CancellationToken.None);
        Assert.Equal(1, jobs.Attempts);
        for (var expected = 2; expected <= 3; expected++)
        {
            _time.Advance(SafetySweepSchedule.RetryDelay);
            await WaitUntilAsync(() => jobs.Attempts == expected);
        }

        _time.Advance(SafetySweepSchedule.RetryDelay);
        await schedule.StopAsync(CancellationToken.None);
        Assert.Equal(3, jobs.Attempts);
        Assert.Single(jobs.Written);
    }

    [Fact]
    public async Task StopAfterDispose_ReturnsQuietly_AndEndsTheRetries()
    {
        // WebApplicationFactory's disposal can stop a host whose services it has already disposed.
        var jobs = new RecurringJobs(failures: int.MaxValue);
        var schedule = Schedule(jobs);
        await schedule.StartAsync(CancellationToken.None);

        schedule.Dispose();
        await schedule.StopAsync(CancellationToken.None);
        _time.Advance(SafetySweepSchedule.RetryDelay * 3);

        Assert.Equal(1, jobs.Attempts);
    }

    private SafetySweepSchedule Schedule(RecurringJobs jobs) =>
        new(jobs, Options.Create(new DeadlineSchedulingOptions()), _time, NullLogger<SafetySweepSchedule>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // The retry runs on the thread pool once the fake clock's timer fires; real time only bounds the wait.
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    /// <summary>Hangfire's recurring-job store as the schedule sees it; the first <c>failures</c> writes time out on its lock.</summary>
    private sealed class RecurringJobs(int failures) : IRecurringJobManager
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public List<(string Cron, string Id)> Written { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options)
        {
            if (Interlocked.Increment(ref _attempts) <= failures)
            {
                throw new DistributedLockTimeoutException($"recurring-job:{recurringJobId}");
            }

            lock (Written)
            {
                Written.Add((cronExpression, recurringJobId));
            }
        }

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => throw new NotSupportedException();
    }
}
