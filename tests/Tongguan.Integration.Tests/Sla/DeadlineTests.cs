using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Sla.Deadlines;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Integration.Tests.Sla;

/// <summary>Deadline rows written and closed in the engine's own transaction, on one real database.</summary>
public abstract class DeadlineTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : DatabaseFixture
{
    private static readonly Actor Officer = new("officer-1", "Officer One");

    // Monday 2 March 2026, 09:00 in Shanghai: P2D of working days ends Wednesday 09:00; 80 % of its 14 working
    // hours (09:00-12:00, 13:30-17:30) is 11 h 12 min, reached on Tuesday at 14:42.
    private static readonly DateTimeOffset ExpectedDue = new(2026, 3, 4, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ExpectedWarning = new(2026, 3, 3, 6, 42, 0, TimeSpan.Zero);

    private DeadlineTestHost Host { get; } = new(database);

    public Task InitializeAsync() => Host.CreateSchemaAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private async Task<(InstanceState Instance, UserTaskRecord Task)> StartLimitedAsync(string? xml = null, string? key = null)
    {
        key ??= DeadlineProcesses.NewKey("handle");
        await Host.PublishAsync(xml ?? DeadlineProcesses.LimitedThenUnlimited(key));
        await using var scope = Host.Scope();
        var instance = await scope.Runtime.StartAsync(key, $"case-{Guid.NewGuid():N}", null, Officer);
        var tasks = await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id });
        return (instance, Assert.Single(tasks.Items));
    }

    private async Task<IReadOnlyList<DeadlineRecord>> DeadlinesAsync(Guid instanceId)
    {
        await using var scope = Host.Scope();
        return await scope.Deadlines.ListByInstanceAsync(instanceId);
    }

    [Fact]
    public async Task Start_WritesPendingDeadline_AsTheBusinessCalendarComputes()
    {
        var started = Host.Time.GetUtcNow();
        var (instance, task) = await StartLimitedAsync();

        var deadline = Assert.Single(await DeadlinesAsync(instance.Id));
        var calculated = Host.Services.GetRequiredService<TimeLimitCalculator>()
            .Calculate(new TimeLimit("P2D", CalendarKind.Business, null), started);
        Assert.Equal(DeadlineStatus.Pending, deadline.Status);
        Assert.Equal(task.Id, deadline.BookmarkId);
        Assert.Equal("handle", deadline.NodeId);
        Assert.Equal(instance.DefinitionKey, deadline.DefinitionKey);
        Assert.Equal(instance.BusinessKey, deadline.BusinessKey);
        Assert.Equal("P2D", deadline.Limit);
        Assert.Equal(CalendarKind.Business, deadline.CalendarKind);
        Assert.Equal(started, deadline.StartedAt);
        Assert.Equal(calculated.Due, deadline.DueAt);
        Assert.Equal(calculated.Warning, deadline.WarningAt);
        Assert.Equal(ExpectedDue, deadline.DueAt);
        Assert.Equal(ExpectedWarning, deadline.WarningAt);
        Assert.Null(deadline.CompletedAt);
        Assert.False(deadline.CompletedLate);
    }

    [Fact]
    public async Task CompleteTask_MarksDeadlineCompletedOnTime_AndTaskWithoutLimitGetsNoRow()
    {
        var (instance, task) = await StartLimitedAsync();
        Host.Time.Advance(TimeSpan.FromHours(3));
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.CompleteTaskAsync(task.Id, Officer);
            var next = await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id, Statuses = [UserTaskStatus.Open] });
            Assert.Equal("verify", Assert.Single(next.Items).NodeId);
        }

        var deadline = Assert.Single(await DeadlinesAsync(instance.Id));
        Assert.Equal(DeadlineStatus.Completed, deadline.Status);
        Assert.Equal(Host.Time.GetUtcNow(), deadline.CompletedAt);
        Assert.False(deadline.CompletedLate);
    }

    [Fact]
    public async Task CompleteTask_MarksDeadlineLate_WhenCompletedAfterDue()
    {
        var (instance, task) = await StartLimitedAsync();
        Host.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.CompleteTaskAsync(task.Id, Officer);
        }

        var deadline = Assert.Single(await DeadlinesAsync(instance.Id));
        Assert.Equal(DeadlineStatus.Completed, deadline.Status);
        Assert.True(deadline.CompletedLate);
        Assert.True(deadline.CompletedAt > deadline.DueAt);
    }

    [Fact]
    public async Task FailedStep_LeavesNoDeadline_NeitherSavedNorStaged()
    {
        var childKey = DeadlineProcesses.NewKey("notify");
        var key = DeadlineProcesses.NewKey("parent");
        await Host.PublishAsync(DeadlineProcesses.SyncService(childKey));
        await Host.PublishAsync(DeadlineProcesses.LimitedBesideChild(key, childKey));
        Host.Handler.Behaviour = _ => throw new InvalidOperationException("notification gateway down");

        await using (var scope = Host.Scope())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Runtime.StartAsync(key, "case-failing", null, Officer));
            Assert.Empty(scope.Db.ChangeTracker.Entries<DeadlineRecord>());
            await scope.Db.SaveChangesAsync();
        }

        Assert.Equal(1, Host.Handler.Calls);
        await using (var scope = Host.Scope())
        {
            Assert.False(await scope.Db.Set<DeadlineRecord>().AnyAsync(d => d.DefinitionKey == key));
        }

        // The same process with a working handler does record the deadline: the failure, not the shape, left no row.
        Host.Handler.Behaviour = _ => null;
        await using (var scope = Host.Scope())
        {
            var instance = await scope.Runtime.StartAsync(key, "case-working", null, Officer);
            Assert.Equal("handle", Assert.Single(await scope.Deadlines.ListByInstanceAsync(instance.Id)).NodeId);
        }
    }

    [Fact]
    public async Task Cancel_MarksDeadlineCancelled()
    {
        var (instance, _) = await StartLimitedAsync();
        Host.Time.Advance(TimeSpan.FromDays(5));
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.CancelAsync(instance.Id, Officer, "duplicate report");
        }

        var deadline = Assert.Single(await DeadlinesAsync(instance.Id));
        Assert.Equal(DeadlineStatus.Cancelled, deadline.Status);
        Assert.Equal(Host.Time.GetUtcNow(), deadline.CompletedAt);
        Assert.False(deadline.CompletedLate);
    }

    [Fact]
    public async Task InterruptingBoundaryEvent_MarksDeadlineCancelled()
    {
        var key = DeadlineProcesses.NewKey("boundary");
        var started = Host.Time.GetUtcNow();
        var (instance, _) = await StartLimitedAsync(DeadlineProcesses.InterruptedByTimer(key), key);
        var pending = Assert.Single(await DeadlinesAsync(instance.Id));
        Assert.Equal(CalendarKind.Natural, pending.CalendarKind);
        Assert.Equal(started.AddHours(8), pending.DueAt);
        Assert.Equal(started.AddHours(6.4), pending.WarningAt);

        Host.Time.Advance(TimeSpan.FromHours(1));
        await using (var scope = Host.Scope())
        {
            Assert.Equal(1, await scope.Runtime.FireDueTimersAsync(Host.Time.GetUtcNow()));
        }

        var deadline = Assert.Single(await DeadlinesAsync(instance.Id));
        Assert.Equal(DeadlineStatus.Cancelled, deadline.Status);
        Assert.False(deadline.CompletedLate);
    }

    [Fact]
    public async Task Migration_RecomputesAChangedLimit_FromWhenTheTaskOpened()
    {
        var key = DeadlineProcesses.NewKey("migrate");
        var (instance, task) = await StartLimitedAsync(DeadlineProcesses.LimitedThenUnlimited(key), key);
        var opened = Assert.Single(await DeadlinesAsync(instance.Id));
        await Host.PublishAsync(DeadlineProcesses.LimitedThenUnlimited(key, "P3D"));
        Host.Time.Advance(TimeSpan.FromHours(1));

        await using (var scope = Host.Scope())
        {
            await scope.Runtime.MigrateInstanceAsync(instance.Id, 2, new Dictionary<string, string>(), Officer);
        }

        var moved = Assert.Single(await DeadlinesAsync(instance.Id));
        var expected = Host.Services.GetRequiredService<TimeLimitCalculator>()
            .Calculate(new TimeLimit("P3D", CalendarKind.Business, null), opened.StartedAt);
        Assert.Equal(opened.Id, moved.Id);
        Assert.Equal(task.Id, moved.BookmarkId);
        Assert.Equal("P3D", moved.Limit);
        Assert.Equal(expected.Due, moved.DueAt);
        Assert.Equal(expected.Warning, moved.WarningAt);
        Assert.Equal(DeadlineStatus.Pending, moved.Status);
    }

    [Fact]
    public async Task Migration_CancelsTheDeadline_WhenTheNewVersionHasNoLimit_AndOpensOneFromTheMigration_WhenItAddsOne()
    {
        var key = DeadlineProcesses.NewKey("migrate2");
        var (limited, _) = await StartLimitedAsync(DeadlineProcesses.LimitedThenUnlimited(key), key);
        await Host.PublishAsync(DeadlineProcesses.Unlimited(key));
        Guid unlimited;
        await using (var scope = Host.Scope())
        {
            unlimited = (await scope.Runtime.StartAsync(key, "later", null, Officer)).Id;
        }

        await Host.PublishAsync(DeadlineProcesses.LimitedThenUnlimited(key, "P1D"));
        Host.Time.Advance(TimeSpan.FromHours(2));
        var migratedAt = Host.Time.GetUtcNow();
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.MigrateInstanceAsync(limited.Id, 2, new Dictionary<string, string>(), Officer);
            await scope.Runtime.MigrateInstanceAsync(unlimited, 3, new Dictionary<string, string>(), Officer);
        }

        var cancelled = Assert.Single(await DeadlinesAsync(limited.Id));
        Assert.Equal(DeadlineStatus.Cancelled, cancelled.Status);
        Assert.Equal(migratedAt, cancelled.CompletedAt);
        var added = Assert.Single(await DeadlinesAsync(unlimited));
        Assert.Equal(DeadlineStatus.Pending, added.Status);
        Assert.Equal(migratedAt, added.StartedAt);
        Assert.Equal("P1D", added.Limit);
    }
}

public sealed class DeadlineTestsOnSqlite(SqliteDatabase database) : DeadlineTests<SqliteDatabase>(database);

public sealed class DeadlineTestsOnPostgres(PostgresDatabase database) : DeadlineTests<PostgresDatabase>(database);
