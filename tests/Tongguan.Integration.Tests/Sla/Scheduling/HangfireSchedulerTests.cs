using Hangfire;
using Hangfire.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.Deadlines.Scheduling.Hangfire;

namespace Tongguan.Integration.Tests.Sla.Scheduling;

/// <summary>What the Hangfire scheduler promises beyond the contract, over SQLite (one database file per test).</summary>
[Collection(HangfireSchedulerSerialGroup.Name)]
public sealed class HangfireSchedulerTests(SqliteSchedulerStore store) : IClassFixture<SqliteSchedulerStore>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WakeUps_InTheSameSecond_ShareOneScheduledJob()
    {
        var connectionString = NewDatabase();
        using var node = await HangfireTestNode.StartAsync(new RecordingSweep(), o => UseSqlite(o, connectionString, runSweeps: false));
        var scheduler = node.Services.GetRequiredService<IDeadlineScheduler>();
        var second = NextWholeSecond(TimeProvider.System.GetUtcNow().AddHours(1));

        await scheduler.ScheduleWakeUpAsync(second.AddMilliseconds(-900), CancellationToken.None);
        await scheduler.ScheduleWakeUpAsync(second.AddMilliseconds(-100), CancellationToken.None);
        await scheduler.ScheduleWakeUpAsync(second, CancellationToken.None);
        await scheduler.ScheduleWakeUpAsync(second.AddMilliseconds(1), CancellationToken.None);

        var monitoring = node.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(2, monitoring.ScheduledCount());
        var instants = monitoring.ScheduledJobs(0, 10).Select(job => job.Value.EnqueueAt).Order().ToList();
        Assert.Equal([second.UtcDateTime, second.AddSeconds(1).UtcDateTime], instants);
    }

    [Fact]
    public async Task WakeUp_RunsWithinAboutTwoPollIntervals_OfItsInstant()
    {
        var connectionString = NewDatabase();
        var sweep = new RecordingSweep();
        using var node = await HangfireTestNode.StartAsync(sweep, o => UseSqlite(o, connectionString));
        var at = NextWholeSecond(TimeProvider.System.GetUtcNow().AddSeconds(2));

        await node.Services.GetRequiredService<IDeadlineScheduler>().ScheduleWakeUpAsync(at, CancellationToken.None);

        var run = await sweep.WaitForRunAsync(Patience);
        // Two 250 ms polls (delayed job → queue → worker) plus slack for a busy machine; Hangfire's defaults take 15 s.
        Assert.InRange((run - at).TotalSeconds, -0.05, 2.5);
    }

    [Fact]
    public async Task Nodes_InOneProcess_RunOnlyTheJobsOfTheirOwnStore()
    {
        var firstStore = NewDatabase();
        var secondStore = NewDatabase();
        var firstSweep = new RecordingSweep();
        var secondSweep = new RecordingSweep();
        using var first = await HangfireTestNode.StartAsync(firstSweep, o => UseSqlite(o, firstStore));
        using var second = await HangfireTestNode.StartAsync(secondSweep, o => UseSqlite(o, secondStore));

        await first.Services.GetRequiredService<IDeadlineScheduler>()
            .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);
        await firstSweep.WaitForRunAsync(Patience);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(firstSweep.Runs);
        Assert.Empty(secondSweep.Runs);
    }

    [Theory]
    [InlineData(2, "*/2 * * * * *")]
    [InlineData(45, "*/30 * * * * *")]
    [InlineData(30, "*/30 * * * * *")]
    [InlineData(7 * 60, "0 */6 * * * *")]
    [InlineData(60 * 60, "0 0 * * * *")]
    public async Task SafetySweep_IsOneRecurringJob_EveryIntervalRoundedDownToACronPeriod(int intervalSeconds, string cron)
    {
        var connectionString = NewDatabase();
        using var first = await HangfireTestNode.StartAsync(new RecordingSweep(), o =>
        {
            UseSqlite(o, connectionString);
            o.SafetySweepInterval = TimeSpan.FromSeconds(intervalSeconds);
        });
        using var second = await HangfireTestNode.StartAsync(new RecordingSweep(), o =>
        {
            UseSqlite(o, connectionString);
            o.SafetySweepInterval = TimeSpan.FromSeconds(intervalSeconds);
        });

        using var connection = first.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = Assert.Single(connection.GetRecurringJobs());
        Assert.Equal(HangfireDeadlineScheduling.SafetySweepJobId, recurring.Id);
        Assert.Equal(cron, recurring.Cron);
    }

    [Fact]
    public async Task SafetySweep_IsNotRegistered_ByANodeThatRunsNoSweeps()
    {
        var connectionString = NewDatabase();
        using var node = await HangfireTestNode.StartAsync(new RecordingSweep(), o => UseSqlite(o, connectionString, runSweeps: false));

        using var connection = node.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Empty(connection.GetRecurringJobs());
    }

    [Fact]
    public async Task WakeUp_WhoseSweepKeepsFailing_IsRetriedThreeTimes_ThenDeleted()
    {
        var connectionString = NewDatabase();
        var sweep = new FailingSweep();
        using var node = await HangfireTestNode.StartAsync(sweep, o => UseSqlite(o, connectionString));
        var monitoring = node.Services.GetRequiredService<JobStorage>().GetMonitoringApi();

        await node.Services.GetRequiredService<IDeadlineScheduler>()
            .ScheduleWakeUpAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);

        // Retries after 1, 5 and 15 s; then the job is deleted rather than kept in the failed list.
        var until = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(45);
        while (monitoring.DeletedListCount() == 0 && TimeProvider.System.GetUtcNow() < until)
        {
            await Task.Delay(200);
        }

        Assert.Equal(1, monitoring.DeletedListCount());
        Assert.Equal(0, monitoring.FailedCount());
        Assert.Equal(4, sweep.Calls);
    }

    private static DateTimeOffset NextWholeSecond(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static void UseSqlite(DeadlineSchedulingOptions options, string connectionString, bool runSweeps = true)
    {
        options.Storage = SchedulerStorage.Sqlite;
        options.ConnectionString = connectionString;
        options.RunSweeps = runSweeps;
    }

    private string NewDatabase()
    {
        var builder = new SqliteConnectionStringBuilder(store.ConnectionString);
        builder.DataSource = Path.Combine(Path.GetDirectoryName(builder.DataSource)!, $"scheduler-{Guid.NewGuid():N}.db");
        return builder.ToString();
    }

    private sealed class FailingSweep : IDeadlineSweep
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<DeadlineSweepResult> RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("This sweep always fails.");
        }
    }
}
