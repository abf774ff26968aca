using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Integration.Tests.Workflows;

/// <summary>
/// Timer start events: scheduled at publish, fired by the runtime into new instances. Each test uses its own
/// key and counts that key's instances, since due timers of other tests of the class share the database.
/// </summary>
public abstract class StartTimerTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : DatabaseFixture
{
    protected WorkflowTestHost Host { get; } = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Publish_SchedulesStartTimers_ForDateDurationAndCycle()
    {
        var published = Host.Time.GetUtcNow();
        var dateKey = Processes.NewKey("start_date");
        var durationKey = Processes.NewKey("start_duration");
        var cycleKey = Processes.NewKey("start_cycle");
        await Host.PublishAsync(Processes.StartedByTimer(dateKey, "timeDate", "2026-05-01T09:00:00+08:00"));
        await Host.PublishAsync(Processes.StartedByTimer(durationKey, "timeDuration", "PT4H"));
        var cycle = Assert.Single(await Host.PublishAsync(Processes.StartedByTimer(cycleKey, "timeCycle", "R3/P1D")));

        await using var scope = Host.Scope();
        var store = scope.Runtime.Store;
        var date = Assert.Single(await store.FindStartTimersAsync(dateKey, CancellationToken.None));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 1, 0, 0, TimeSpan.Zero), date.DueAt);
        Assert.Null(date.RemainingRepeats);
        var duration = Assert.Single(await store.FindStartTimersAsync(durationKey, CancellationToken.None));
        Assert.Equal(published.AddHours(4), duration.DueAt);
        var timer = Assert.Single(await store.FindStartTimersAsync(cycleKey, CancellationToken.None));
        Assert.Equal(published.AddDays(1), timer.DueAt);
        Assert.Equal(3, timer.RemainingRepeats);
        Assert.Null(timer.InstanceId);
        Assert.Equal(cycle.Definition.Id, timer.DefinitionId);
        Assert.Equal("start", timer.NodeId);
    }

    [Fact]
    public async Task DueCycleStartTimer_StartsInstances_AndRearmsUntilRepeatsRunOut()
    {
        var key = Processes.NewKey("patrol");
        var published = Assert.Single(await Host.PublishAsync(Processes.StartedByTimer(key, "timeCycle", "R2/PT10M")));

        await using (var scope = Host.Scope())
        {
            await scope.Runtime.FireDueTimersAsync(Host.Time.GetUtcNow().AddMinutes(9));
            Assert.Empty(await Instances(scope, key));
        }

        Host.Time.Advance(TimeSpan.FromMinutes(10));
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.FireDueTimersAsync(Host.Time.GetUtcNow());
            var started = Assert.Single(await Instances(scope, key));
            Assert.Equal(published.Definition.Id, started.DefinitionId);
            Assert.Null(started.BusinessKey);
            var task = Assert.Single((await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = started.Id })).Items);
            Assert.Equal("report", task.NodeId);
            var journal = await scope.Runtime.GetJournalAsync(started.Id);
            Assert.Single(journal, j => j.EventType == JournalEventType.TimerFired && j.NodeId == "start" && j.ActorId == "system");
            Assert.Single(journal, j => j.EventType == JournalEventType.InstanceStarted && j.ActorId == "system");

            var next = Assert.Single(await scope.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None));
            Assert.Equal(Host.Time.GetUtcNow().AddMinutes(10), next.DueAt);
            Assert.Equal(1, next.RemainingRepeats);
        }

        Host.Time.Advance(TimeSpan.FromMinutes(10));
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.FireDueTimersAsync(Host.Time.GetUtcNow());
            Assert.Equal(2, (await Instances(scope, key)).Count);
            Assert.Empty(await scope.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None));
        }

        Host.Time.Advance(TimeSpan.FromHours(1));
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.FireDueTimersAsync(Host.Time.GetUtcNow());
            Assert.Equal(2, (await Instances(scope, key)).Count);
        }
    }

    [Fact]
    public async Task DueStartTimer_StartsExactlyOneInstance_WhenTwoRuntimesFireItConcurrently()
    {
        var key = Processes.NewKey("race_start");
        await Host.PublishAsync(Processes.StartedByTimer(key, "timeDuration", "PT1H"));
        Host.Time.Advance(TimeSpan.FromHours(1));
        var now = Host.Time.GetUtcNow();
        string timerId;
        await using (var scope = Host.Scope())
        {
            timerId = Assert.Single(await scope.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None)).BookmarkId;
        }

        await using var first = Host.Scope();
        await using var second = Host.Scope();
        var secondFired = 0;

        // The second runtime reads, fires and commits while the first is between its read and its write.
        Host.BeforeSave.Arm(
            db => ConsumesTimer(db, timerId),
            async () => secondFired = await second.Runtime.FireDueTimersAsync(now));
        await first.Runtime.FireDueTimersAsync(now);

        Assert.Equal(1, Host.BeforeSave.Runs);
        Assert.True(secondFired >= 1);
        await using var check = Host.Scope();
        var instance = Assert.Single(await Instances(check, key));
        Assert.Single((await check.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id })).Items);
        Assert.Empty(await check.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None));
        await check.Runtime.FireDueTimersAsync(now.AddDays(1));
        Assert.Single(await Instances(check, key));
    }

    [Fact]
    public async Task FireTimerAsync_StartsInstanceFromStartTimer_AndLoserOfARaceGetsConcurrencyError()
    {
        var key = Processes.NewKey("manual_start");
        await Host.PublishAsync(Processes.StartedByTimer(key, "timeCycle", "R/P1D"));
        string timerId;
        await using (var scope = Host.Scope())
        {
            timerId = Assert.Single(await scope.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None)).BookmarkId;
        }

        await using var first = Host.Scope();
        await using var second = Host.Scope();
        InstanceState? winner = null;
        Host.BeforeSave.Arm(
            db => ConsumesTimer(db, timerId),
            async () => winner = await second.Runtime.FireTimerAsync(timerId));

        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => first.Runtime.FireTimerAsync(timerId));

        Assert.NotNull(winner);
        Assert.Equal(InstanceStatus.Running, winner.Status);
        await using var check = Host.Scope();
        Assert.Equal(winner.Id, Assert.Single(await Instances(check, key)).Id);

        // Unbounded cycle: the next occurrence is one interval after the one that fired, still unbounded.
        var next = Assert.Single(await check.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None));
        Assert.NotEqual(timerId, next.BookmarkId);
        Assert.Equal(Host.Time.GetUtcNow().AddDays(2), next.DueAt);
        Assert.Null(next.RemainingRepeats);
        await Assert.ThrowsAsync<WorkflowItemNotFoundException>(() => check.Runtime.FireTimerAsync(timerId));
    }

    [Fact]
    public async Task NewVersion_ReplacesStartTimersOfPreviousVersion_AndWorkerStartsOnLatest()
    {
        var key = Processes.NewKey("replaced");
        await Host.PublishAsync(Processes.StartedByTimer(key, "timeDuration", "PT1H"));
        Host.Time.Advance(TimeSpan.FromMinutes(30));
        var second = Assert.Single(await Host.PublishAsync(Processes.StartedByTimer(key, "timeDuration", "PT2H", "Weekly patrol report")));
        Assert.Equal(2, second.Definition.Version);

        await using (var scope = Host.Scope())
        {
            var timer = Assert.Single(await scope.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None));
            Assert.Equal(second.Definition.Id, timer.DefinitionId);
            Assert.Equal(Host.Time.GetUtcNow().AddHours(2), timer.DueAt);
        }

        // Version 1's timer would have been due now; it is gone.
        Host.Time.Advance(TimeSpan.FromMinutes(30));
        var worker = Host.Services.GetServices<IHostedService>().OfType<WorkflowWorker>().Single();
        await worker.PollOnceAsync(CancellationToken.None);
        await using (var scope = Host.Scope())
        {
            Assert.Empty(await Instances(scope, key));
        }

        Host.Time.Advance(TimeSpan.FromHours(1.5));
        await worker.PollOnceAsync(CancellationToken.None);
        await using var check = Host.Scope();
        var instance = Assert.Single(await Instances(check, key));
        Assert.Equal(2, instance.DefinitionVersion);

        // A version without timer start events stops the timer starts altogether.
        await Host.PublishAsync(Processes.UserTask(key));
        Assert.Empty(await check.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task FolderLoader_SchedulesStartTimers_AndKeepsThemWhenTheFileIsUnchanged()
    {
        var folder = Directory.CreateTempSubdirectory("tongguan-start-timers-").FullName;
        try
        {
            var key = Processes.NewKey("folder_timer");
            var file = Path.Combine(folder, "patrol.bpmn");
            await File.WriteAllTextAsync(file, Processes.StartedByTimer(key, "timeCycle", "R5/PT1H"));
            var loader = ActivatorUtilities.CreateInstance<DefinitionsFolderLoader>(Host.Services);
            await loader.LoadAsync(folder, CancellationToken.None);
            TimerRecord scheduled;
            await using (var scope = Host.Scope())
            {
                scheduled = Assert.Single(await scope.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None));
            }

            // A host restart reloads the folder: the schedule must not move.
            Host.Time.Advance(TimeSpan.FromMinutes(20));
            await loader.LoadAsync(folder, CancellationToken.None);
            await using (var scope = Host.Scope())
            {
                var kept = Assert.Single(await scope.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None));
                Assert.Equal(scheduled.BookmarkId, kept.BookmarkId);
                Assert.Equal(scheduled.DueAt, kept.DueAt);
            }

            await File.WriteAllTextAsync(file, Processes.StartedByTimer(key, "timeCycle", "R5/PT2H"));
            var changed = Assert.Single((await loader.LoadAsync(folder, CancellationToken.None))["patrol.bpmn"].Definitions);
            Assert.True(changed.IsNewVersion);
            await using var check = Host.Scope();
            var rescheduled = Assert.Single(await check.Runtime.Store.FindStartTimersAsync(key, CancellationToken.None));
            Assert.Equal(changed.Definition.Id, rescheduled.DefinitionId);
            Assert.Equal(Host.Time.GetUtcNow().AddHours(2), rescheduled.DueAt);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    private static bool ConsumesTimer(DbContext db, string timerId) =>
        db.ChangeTracker.Entries<TimerRecord>().Any(e => e.State == EntityState.Deleted && e.Entity.BookmarkId == timerId);

    private static Task<IReadOnlyList<InstanceRecord>> Instances(TestScope scope, string key) =>
        scope.Runtime.QueryInstancesAsync(new InstanceQuery { DefinitionKey = key });
}

public sealed class StartTimerTestsOnSqlite(SqliteDatabase database) : StartTimerTests<SqliteDatabase>(database);

public sealed class StartTimerTestsOnPostgres(PostgresDatabase database) : StartTimerTests<PostgresDatabase>(database);
