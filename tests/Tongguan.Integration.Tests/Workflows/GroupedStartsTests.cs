using Microsoft.Extensions.DependencyInjection;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Integration.Tests.Workflows;

/// <summary>Group commit of starts on a real database: concurrent callers share transactions, and each gets its own answer.</summary>
public abstract class GroupedStartsTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : DatabaseFixture
{
    protected WorkflowTestHost Host { get; } = new(database);

    private GroupedStarts Starts => Host.Services.GetRequiredService<GroupedStarts>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task ConcurrentStarts_ShareTransactions_AndEachIsSavedWithItsOwnActorAndJournal()
    {
        var key = Processes.NewKey("grouped");
        await Host.PublishAsync(Processes.UserTask(key));
        var run = Guid.NewGuid().ToString("N");

        var started = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Starts.StartAsync(key, $"{run}-{i}", null, new Actor($"client-{i}"))));

        Assert.Equal(40, started.Select(s => s.Id).Distinct().Count());
        Assert.All(started, s => Assert.Equal(InstanceStatus.Running, s.Status));
        Assert.True(Starts.Groups < Starts.Starts, $"{Starts.Starts} starts were written in {Starts.Groups} groups: none was shared.");
        await using var scope = Host.Scope();
        for (var i = 0; i < started.Length; i++)
        {
            var instance = await scope.Runtime.GetInstanceAsync(started[i].Id);
            Assert.NotNull(instance);
            Assert.Equal($"{run}-{i}", instance.BusinessKey);
            var journal = await scope.Runtime.GetJournalAsync(started[i].Id);
            Assert.Equal(JournalEventType.InstanceStarted, journal[0].EventType);
            Assert.Equal($"client-{i}", journal[0].ActorId);
            Assert.Contains(journal, j => j.EventType == JournalEventType.TaskCreated);
            var tasks = await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = started[i].Id });
            Assert.Equal("handle", Assert.Single(tasks.Items).NodeId);
        }
    }

    [Fact]
    public async Task AStartOfAnUnknownKey_FailsAlone_AndTheOthersAreSaved()
    {
        var key = Processes.NewKey("grouped");
        await Host.PublishAsync(Processes.UserTask(key));
        var run = Guid.NewGuid().ToString("N");
        var good = Enumerable.Range(0, 12).Select(i => Starts.StartAsync(key, $"{run}-{i}", null, new Actor("client"))).ToList();
        var bad = Starts.StartAsync(Processes.NewKey("missing"), $"{run}-bad", null, new Actor("client"));
        good.AddRange(Enumerable.Range(12, 12).Select(i => Starts.StartAsync(key, $"{run}-{i}", null, new Actor("client"))));

        await Assert.ThrowsAsync<DefinitionNotFoundException>(() => bad);
        var started = await Task.WhenAll(good);

        await using var scope = Host.Scope();
        foreach (var state in started)
        {
            Assert.NotNull(await scope.Runtime.GetInstanceAsync(state.Id));
        }

        var forBad = await scope.Runtime.QueryInstancesAsync(new InstanceQuery { BusinessKey = $"{run}-bad" });
        Assert.Empty(forBad);
    }

    [Fact]
    public async Task AStartCancelledBeforeItIsQueued_WritesNothing()
    {
        var key = Processes.NewKey("grouped");
        await Host.PublishAsync(Processes.UserTask(key));
        var businessKey = Guid.NewGuid().ToString("N");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Starts.StartAsync(key, businessKey, null, new Actor("client"), cancelled.Token));

        await using var scope = Host.Scope();
        Assert.Empty(await scope.Runtime.QueryInstancesAsync(new InstanceQuery { BusinessKey = businessKey }));
    }

    [Fact]
    public async Task StartGroup_SavesAllOrNothing()
    {
        var key = Processes.NewKey("grouped");
        await Host.PublishAsync(Processes.UserTask(key));
        var run = Guid.NewGuid().ToString("N");

        await using (var scope = Host.Scope())
        {
            await Assert.ThrowsAsync<DefinitionNotFoundException>(() => scope.Runtime.StartGroupAsync(
            [
                new StartRequest(key, $"{run}-a", null, new Actor("a")),
                new StartRequest(Processes.NewKey("missing"), $"{run}-b", null, new Actor("b")),
            ]));
        }

        await using (var scope = Host.Scope())
        {
            Assert.Empty(await scope.Runtime.QueryInstancesAsync(new InstanceQuery { BusinessKey = $"{run}-a" }));
            var both = await scope.Runtime.StartGroupAsync(
            [
                new StartRequest(key, $"{run}-c", null, new Actor("c")),
                new StartRequest(key, $"{run}-d", null, new Actor("d")),
            ]);
            Assert.Equal(2, both.Count);
        }

        await using (var scope = Host.Scope())
        {
            Assert.Single(await scope.Runtime.QueryInstancesAsync(new InstanceQuery { BusinessKey = $"{run}-c" }));
            Assert.Single(await scope.Runtime.QueryInstancesAsync(new InstanceQuery { BusinessKey = $"{run}-d" }));
        }
    }
}

public sealed class GroupedStartsTestsOnSqlite(SqliteDatabase database) : GroupedStartsTests<SqliteDatabase>(database);

public sealed class GroupedStartsTestsOnPostgres(PostgresDatabase database) : GroupedStartsTests<PostgresDatabase>(database);
