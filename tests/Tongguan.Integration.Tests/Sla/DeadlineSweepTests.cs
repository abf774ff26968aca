using Microsoft.Extensions.DependencyInjection;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Sla.Deadlines;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Integration.Tests.Sla;

/// <summary>The sweep that fires due deadlines: yellow, red, the BPMN alarms they drive, each exactly once.</summary>
public abstract class DeadlineSweepTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : DatabaseFixture
{
    private static readonly Actor Officer = new("officer-1", "Officer One");

    private DeadlineTestHost Host { get; } = new(database);

    public Task InitializeAsync() => Host.CreateSchemaAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private async Task<Guid> StartAsync(string xml, string key)
    {
        await Host.PublishAsync(xml);
        await using var scope = Host.Scope();
        return (await scope.Runtime.StartAsync(key, $"case-{Guid.NewGuid():N}", null, Officer)).Id;
    }

    private async Task<DeadlineSweepResult> SweepAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDeadlineSweep>().RunAsync(CancellationToken.None);
    }

    private async Task<DeadlineRecord> DeadlineAsync(Guid instanceId, string nodeId = "handle")
    {
        await using var scope = Host.Scope();
        return (await scope.Deadlines.ListByInstanceAsync(instanceId)).Single(d => d.NodeId == nodeId);
    }

    private async Task<List<string>> OpenTaskNodesAsync(Guid instanceId)
    {
        await using var scope = Host.Scope();
        var tasks = await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = instanceId, Statuses = [UserTaskStatus.Open] });
        return [.. tasks.Items.Select(t => t.NodeId).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Sweep_TurnsDeadlineYellowThenRed_OnceEach_AtTheCalendarTimes()
    {
        var key = DeadlineProcesses.NewKey("plain");
        var instance = await StartAsync(DeadlineProcesses.LimitedThenUnlimited(key), key);
        var deadline = await DeadlineAsync(instance);

        Host.Time.SetUtcNow(deadline.WarningAt - TimeSpan.FromSeconds(1));
        Assert.Equal(DeadlineSweepResult.None, await SweepAsync());
        Assert.Null((await DeadlineAsync(instance)).WarnedAt);

        Host.Time.SetUtcNow(deadline.WarningAt);
        Assert.Equal(new DeadlineSweepResult(1, 0), await SweepAsync());
        Assert.Equal(deadline.WarningAt, (await DeadlineAsync(instance)).WarnedAt);
        Assert.Equal(DeadlineSweepResult.None, await SweepAsync());

        Host.Time.SetUtcNow(deadline.DueAt.AddMinutes(5));
        Assert.Equal(new DeadlineSweepResult(0, 1), await SweepAsync());
        Assert.Equal(DeadlineSweepResult.None, await SweepAsync());
        var red = await DeadlineAsync(instance);
        Assert.Equal(deadline.DueAt.AddMinutes(5), red.BreachedAt);
        Assert.Equal(DeadlineStatus.Pending, red.Status);
    }

    [Fact]
    public async Task Sweep_AfterAnOutage_MarksAPastDueDeadlineBothYellowAndRed()
    {
        var key = DeadlineProcesses.NewKey("outage");
        var instance = await StartAsync(DeadlineProcesses.LimitedThenUnlimited(key), key);
        var deadline = await DeadlineAsync(instance);

        Host.Time.SetUtcNow(deadline.DueAt.AddDays(1));
        Assert.Equal(new DeadlineSweepResult(1, 1), await SweepAsync());

        var red = await DeadlineAsync(instance);
        Assert.NotNull(red.WarnedAt);
        Assert.NotNull(red.BreachedAt);
    }

    [Fact]
    public async Task Sweep_NeverFiresADeadlineWhoseTaskWasCompletedInTime()
    {
        var key = DeadlineProcesses.NewKey("done");
        var instance = await StartAsync(DeadlineProcesses.WithAlarms(key), key);
        Host.Time.Advance(TimeSpan.FromHours(1));
        await using (var scope = Host.Scope())
        {
            var task = (await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = instance })).Items.Single();
            await scope.Runtime.CompleteTaskAsync(task.Id, Officer);
        }

        Host.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(DeadlineSweepResult.None, await SweepAsync());

        var deadline = await DeadlineAsync(instance);
        Assert.Equal(DeadlineStatus.Completed, deadline.Status);
        Assert.Null(deadline.WarnedAt);
        Assert.Null(deadline.BreachedAt);
        Assert.Empty(await OpenTaskNodesAsync(instance));
    }

    [Fact]
    public async Task WarningAlarm_FiresTheNonInterruptingBoundary_AndTheTaskStaysOpen()
    {
        var key = DeadlineProcesses.NewKey("yellow");
        var instance = await StartAsync(DeadlineProcesses.WithAlarms(key), key);
        var deadline = await DeadlineAsync(instance);
        Assert.True(deadline.WarningAlarm);
        Assert.True(deadline.DueAlarm);

        Host.Time.SetUtcNow(deadline.WarningAt.AddSeconds(1));
        Assert.Equal(new DeadlineSweepResult(1, 0), await SweepAsync());
        Assert.Equal(DeadlineSweepResult.None, await SweepAsync());

        Assert.Equal(["handle", "remind"], await OpenTaskNodesAsync(instance));
        Assert.NotNull((await DeadlineAsync(instance)).WarnedAt);
    }

    [Fact]
    public async Task DueAlarm_InterruptsTheTaskIntoEscalation_AndClosesItsDeadline()
    {
        var key = DeadlineProcesses.NewKey("red");
        var instance = await StartAsync(DeadlineProcesses.WithAlarms(key), key);
        var deadline = await DeadlineAsync(instance);

        // Past both: the warning alarm fires first, then the breach, in the same sweep.
        Host.Time.SetUtcNow(deadline.DueAt.AddSeconds(1));
        Assert.Equal(new DeadlineSweepResult(1, 1), await SweepAsync());
        Assert.Equal(DeadlineSweepResult.None, await SweepAsync());

        Assert.Equal(["escalate", "remind"], await OpenTaskNodesAsync(instance));
        var closed = await DeadlineAsync(instance);
        Assert.Equal(DeadlineStatus.Cancelled, closed.Status);
        Assert.Equal(deadline.DueAt.AddSeconds(1), closed.BreachedAt);
        await using var scope = Host.Scope();
        var journal = await scope.Runtime.GetJournalAsync(instance);
        Assert.Single(journal, j => j.NodeId == "red" && j.EventType == JournalEventType.TimerFired);
    }

    [Fact]
    public async Task ConcurrentSweeps_FireEveryDeadlineExactlyOnce()
    {
        var plainKey = DeadlineProcesses.NewKey("many");
        var alarmKey = DeadlineProcesses.NewKey("manyalarm");
        await Host.PublishAsync(DeadlineProcesses.LimitedThenUnlimited(plainKey));
        await Host.PublishAsync(DeadlineProcesses.WithAlarms(alarmKey));
        var withAlarms = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            await using var scope = Host.Scope();
            await scope.Runtime.StartAsync(plainKey, $"plain-{i}", null, Officer);
            withAlarms.Add((await scope.Runtime.StartAsync(alarmKey, $"alarm-{i}", null, Officer)).Id);
        }

        Host.Time.Advance(TimeSpan.FromDays(10));
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(SweepAsync)));

        Assert.Equal(40, results.Sum(r => r.Warned));
        Assert.Equal(40, results.Sum(r => r.Breached));
        Assert.Equal(DeadlineSweepResult.None, await SweepAsync());
        await using var check = Host.Scope();
        foreach (var instance in withAlarms)
        {
            var journal = await check.Runtime.GetJournalAsync(instance);
            Assert.Single(journal, j => j.NodeId == "yellow" && j.EventType == JournalEventType.TimerFired);
            Assert.Single(journal, j => j.NodeId == "red" && j.EventType == JournalEventType.TimerFired);
            Assert.Equal(["escalate", "remind"], await OpenTaskNodesAsync(instance));
        }
    }
}

public sealed class DeadlineSweepTestsOnSqlite(SqliteDatabase database) : DeadlineSweepTests<SqliteDatabase>(database);

public sealed class DeadlineSweepTestsOnPostgres(PostgresDatabase database) : DeadlineSweepTests<PostgresDatabase>(database);
