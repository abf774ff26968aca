using System.Text.Json.Nodes;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Integration.Tests.Workflows;

/// <summary>Timers and jobs; each test class has its own database, so "due" means this test's rows only.</summary>
public abstract class SchedulingTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : DatabaseFixture
{
    private static readonly Actor Officer = new("officer-1");

    protected WorkflowTestHost Host { get; } = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task DueTimer_FiresExactlyOnce_UnderTwoConcurrentCallers()
    {
        var key = Processes.NewKey("timer");
        await Host.PublishAsync(Processes.Timer(key, "PT1H"));
        InstanceState instance;
        await using (var scope = Host.Scope())
        {
            instance = await scope.Runtime.StartAsync(key, "t-1", null, Officer);
            Assert.Equal(0, await scope.Runtime.FireDueTimersAsync(Host.Time.GetUtcNow().AddMinutes(30)));
        }

        Host.Time.Advance(TimeSpan.FromHours(1));
        var now = Host.Time.GetUtcNow();
        await using var first = Host.Scope();
        await using var second = Host.Scope();
        var fired = await Task.WhenAll(first.Runtime.FireDueTimersAsync(now), second.Runtime.FireDueTimersAsync(now));

        Assert.Equal(1, fired.Sum());
        await using var check = Host.Scope();
        Assert.Equal(InstanceStatus.Completed, (await check.Runtime.GetInstanceAsync(instance.Id))!.Status);
        Assert.Single(await check.Runtime.GetJournalAsync(instance.Id), j => j.EventType == JournalEventType.TimerFired);
        Assert.Equal(0, await check.Runtime.FireDueTimersAsync(now.AddDays(1)));
    }

    [Fact]
    public async Task FailingJob_RetriesWithBackoff_ThenIncident_ThenSucceedsAfterRetry()
    {
        var key = Processes.NewKey("job");
        await Host.PublishAsync(Processes.AsyncService(key, retries: 2));
        Host.Handler.Behaviour = _ => throw new InvalidOperationException("owner registry unreachable");
        InstanceState instance;
        await using (var scope = Host.Scope())
        {
            instance = await scope.Runtime.StartAsync(key, "j-1", new JsonObject { ["address"] = "Road 1" }, Officer);
            Assert.Equal(1, await scope.Runtime.RunDueJobsAsync());
            Assert.Equal(0, await scope.Runtime.RunDueJobsAsync());
        }

        Host.Time.Advance(TimeSpan.FromSeconds(10));
        Guid incidentId;
        await using (var scope = Host.Scope())
        {
            Assert.Equal(1, await scope.Runtime.RunDueJobsAsync());
            var incident = Assert.Single(await scope.Runtime.QueryIncidentsAsync(instance.Id));
            Assert.Equal("lookup", incident.NodeId);
            Assert.Contains("owner registry unreachable", incident.Message, StringComparison.Ordinal);
            incidentId = incident.Id;
            Assert.Equal(InstanceStatus.Running, (await scope.Runtime.GetInstanceAsync(instance.Id))!.Status);
        }

        Host.Time.Advance(TimeSpan.FromHours(1));
        await using (var scope = Host.Scope())
        {
            Assert.Equal(0, await scope.Runtime.RunDueJobsAsync());
            Assert.Equal(2, Host.Handler.Calls);
        }

        Host.Handler.Behaviour = context => new JsonObject { ["owner"] = "Street office", ["seen"] = context.Variables["address"]!.GetValue<string>() };
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.RetryIncidentAsync(incidentId, new Actor("operator"));
            Assert.Equal(1, await scope.Runtime.RunDueJobsAsync());
        }

        await using var check = Host.Scope();
        var state = await check.Runtime.GetInstanceAsync(instance.Id);
        Assert.Equal("Street office", state!.Variables["owner"]!.GetValue<string>());
        Assert.Equal("review", Assert.Single((await check.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id })).Items).NodeId);
        Assert.Empty(await check.Runtime.QueryIncidentsAsync(instance.Id));
        var journal = await check.Runtime.GetJournalAsync(instance.Id);
        Assert.Equal(2, journal.Count(j => j.EventType == JournalEventType.JobFailed));
        Assert.Single(journal, j => j.EventType == JournalEventType.IncidentRaised);
        Assert.Single(journal, j => j.EventType == JournalEventType.IncidentResolved && j.ActorId == "operator");
    }

    [Fact]
    public async Task DueJob_IsRunByOneWorkerOnly()
    {
        var key = Processes.NewKey("locked");
        await Host.PublishAsync(Processes.AsyncService(key));
        var calls = 0;
        Host.Handler.Behaviour = _ =>
        {
            Interlocked.Increment(ref calls);
            Thread.Sleep(300);
            return null;
        };
        InstanceState instance;
        await using (var scope = Host.Scope())
        {
            instance = await scope.Runtime.StartAsync(key, "j-2", null, Officer);
        }

        await using var first = Host.Scope();
        await using var second = Host.Scope();
        var ran = await Task.WhenAll(
            Task.Run(() => first.Runtime.RunDueJobsAsync()),
            Task.Run(() => second.Runtime.RunDueJobsAsync()));

        Assert.Equal(1, ran.Sum());
        Assert.Equal(1, calls);
        await using var check = Host.Scope();
        Assert.Equal("review", Assert.Single((await check.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id })).Items).NodeId);
        var store = check.Runtime.Store;
        Assert.Empty(await store.FindDueJobsAsync(Host.Time.GetUtcNow().AddDays(1), 10, CancellationToken.None));
    }

    [Fact]
    public async Task JobLock_HasExactlyOneWinner()
    {
        var key = Processes.NewKey("lock");
        await Host.PublishAsync(Processes.AsyncService(key));
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.StartAsync(key, "j-3", null, Officer);
        }

        var now = Host.Time.GetUtcNow();
        await using var a = Host.Scope();
        await using var b = Host.Scope();
        var job = Assert.Single(await a.Runtime.Store.FindDueJobsAsync(now, 10, CancellationToken.None));
        var wins = await Task.WhenAll(
            a.Runtime.Store.TryLockJobAsync(job.BookmarkId, "worker-a", now, now.AddMinutes(5), CancellationToken.None),
            b.Runtime.Store.TryLockJobAsync(job.BookmarkId, "worker-b", now, now.AddMinutes(5), CancellationToken.None));
        Assert.Single(wins, w => w);
        Assert.Empty(await a.Runtime.Store.FindDueJobsAsync(now, 10, CancellationToken.None));

        // An expired lock (crashed worker) lets another worker take the job.
        var later = now.AddMinutes(6);
        Assert.True(await b.Runtime.Store.TryLockJobAsync(job.BookmarkId, "worker-c", later, later.AddMinutes(5), CancellationToken.None));
        await a.Runtime.Store.ReleaseJobAsync(job.BookmarkId, "worker-c", CancellationToken.None);
    }
}

public sealed class SchedulingTestsOnSqlite(SqliteDatabase database) : SchedulingTests<SqliteDatabase>(database);

public sealed class SchedulingTestsOnPostgres(PostgresDatabase database) : SchedulingTests<PostgresDatabase>(database);
