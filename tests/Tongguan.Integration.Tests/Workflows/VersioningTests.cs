using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Integration.Tests.Workflows;

public abstract class VersioningTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : DatabaseFixture
{
    private static readonly Actor Designer = new("designer");

    protected WorkflowTestHost Host { get; } = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Publish_CreatesNextVersion_OnlyWhenNormalisedContentChanges()
    {
        var key = Processes.NewKey("versioned");
        var xml = Processes.UserTask(key);

        var first = Assert.Single(await Host.PublishAsync(xml));
        Assert.True(first.IsNewVersion);
        Assert.Equal(1, first.Definition.Version);
        Assert.Equal(DefinitionContent.Hash(xml), first.Definition.ContentHash);
        Assert.Equal(64, first.Definition.ContentHash.Length);

        // Layout and comments are not content.
        var reformatted = "<?xml version=\"1.0\"?>\n<!-- exported again -->\n" + xml.Replace("\n", "\n\n    ", StringComparison.Ordinal);
        var again = Assert.Single(await Host.PublishAsync(reformatted));
        Assert.False(again.IsNewVersion);
        Assert.Equal(first.Definition.Id, again.Definition.Id);

        var changed = Assert.Single(await Host.PublishAsync(Processes.UserTask(key, "Handle carefully")));
        Assert.True(changed.IsNewVersion);
        Assert.Equal(2, changed.Definition.Version);

        await using var scope = Host.Scope();
        var versions = await scope.Definitions.ListAsync(key);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
    }

    [Fact]
    public async Task Publish_RefusesInvalidBpmn_WithProblems()
    {
        var key = Processes.NewKey("broken");
        var xml = Processes.UserTask(key).Replace("targetRef=\"end\"", "targetRef=\"nowhere\"", StringComparison.Ordinal);
        await using var scope = Host.Scope();

        var refused = await Assert.ThrowsAsync<DefinitionRejectedException>(() => scope.Definitions.PublishAsync(xml, Designer));

        Assert.Contains(refused.Problems, p => p.IsError);
        Assert.Null(await scope.Definitions.GetAsync(key));
    }

    [Fact]
    public async Task Drafts_AreSavedUpdatedAndPublished()
    {
        var key = Processes.NewKey("drafted");
        await using (var scope = Host.Scope())
        {
            await scope.Definitions.SaveDraftAsync(key, "<definitions/>", Designer);
            await scope.Definitions.SaveDraftAsync(key, Processes.UserTask(key), Designer);
        }

        await using (var scope = Host.Scope())
        {
            var draft = await scope.Definitions.GetDraftAsync(key);
            Assert.Equal(Processes.UserTask(key), draft!.Xml);
            var published = Assert.Single((await scope.Definitions.PublishDraftAsync(key, Designer)).Definitions);
            Assert.Equal(1, published.Definition.Version);
        }
    }

    [Fact]
    public async Task NewInstancesUseLatestVersion_RunningOnesStayPinned()
    {
        var key = Processes.NewKey("pinned");
        await Host.PublishAsync(Processes.UserTask(key, "Handle v1"));
        InstanceState old;
        await using (var scope = Host.Scope())
        {
            old = await scope.Runtime.StartAsync(key, "old", null, Designer);
        }

        await Host.PublishAsync(Processes.UserTask(key, "Handle v2"));
        await using (var scope = Host.Scope())
        {
            var fresh = await scope.Runtime.StartAsync(key, "new", null, Designer);
            Assert.Equal(2, fresh.DefinitionVersion);
            var explicitOld = await scope.Runtime.StartAsync(key, 1, "explicit", null, Designer);
            Assert.Equal(1, explicitOld.DefinitionVersion);
            var freshTask = Assert.Single((await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = fresh.Id })).Items);
            Assert.Equal("Handle v2", freshTask.Name);
        }

        await using (var scope = Host.Scope())
        {
            var reloaded = await scope.Runtime.GetInstanceAsync(old.Id);
            Assert.Equal(1, reloaded!.DefinitionVersion);
            var oldTask = Assert.Single((await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = old.Id })).Items);
            Assert.Equal("Handle v1", oldTask.Name);
            var done = await scope.Runtime.CompleteTaskAsync(oldTask.Id, Designer);
            Assert.Equal(InstanceStatus.Completed, done.Status);
        }
    }

    [Fact]
    public async Task Migrate_MovesInstance_WhenNodesMap_AndRefusesOtherwise()
    {
        var key = Processes.NewKey("migrated");
        await Host.PublishAsync(Processes.TwoTasks(key, "close"));
        InstanceState atCheck, atClose;
        await using (var scope = Host.Scope())
        {
            atCheck = await scope.Runtime.StartAsync(key, "a", null, Designer);
            atClose = await scope.Runtime.StartAsync(key, "b", null, Designer);
            var check = Assert.Single((await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = atClose.Id })).Items);
            await scope.Runtime.CompleteTaskAsync(check.Id, Designer);
        }

        await Host.PublishAsync(Processes.TwoTasks(key, "finish"));
        await using (var scope = Host.Scope())
        {
            var refused = await Assert.ThrowsAsync<MigrationRefusedException>(() =>
                scope.Runtime.MigrateInstanceAsync(atClose.Id, 2, new Dictionary<string, string>(), Designer));
            Assert.NotEmpty(refused.Reasons);
        }

        await using (var scope = Host.Scope())
        {
            Assert.Equal(1, (await scope.Runtime.GetInstanceAsync(atClose.Id))!.DefinitionVersion);
            var moved = await scope.Runtime.MigrateInstanceAsync(atClose.Id, 2, new Dictionary<string, string> { ["close"] = "finish" }, Designer);
            Assert.Equal(2, moved.DefinitionVersion);
            var migrated = await scope.Runtime.MigrateInstanceAsync(atCheck.Id, 2, new Dictionary<string, string>(), Designer);
            Assert.Equal(2, migrated.DefinitionVersion);
        }

        await using (var scope = Host.Scope())
        {
            var task = Assert.Single((await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = atCheck.Id, Statuses = [UserTaskStatus.Open] })).Items);
            await scope.Runtime.CompleteTaskAsync(task.Id, Designer);
            var next = Assert.Single((await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = atCheck.Id, Statuses = [UserTaskStatus.Open] })).Items);
            Assert.Equal("finish", next.NodeId);
            Assert.Contains(await scope.Runtime.GetJournalAsync(atClose.Id), j => j.EventType == JournalEventType.InstanceMigrated);
        }
    }

    [Fact]
    public async Task ConcurrentPublish_OfSameKey_FailsWithConflict_AndPublishingAgainSucceeds()
    {
        var key = Processes.NewKey("raced");
        await Host.PublishAsync(Processes.UserTask(key, "Version one"));
        await using var scope = Host.Scope();

        // The other designer's publish reads version 1 too and commits version 2 first.
        Host.BeforeSave.Arm(
            db => db.ChangeTracker.Entries<DefinitionRecord>().Any(e => e.State == EntityState.Added && e.Entity.Key == key),
            () => Host.PublishAsync(Processes.UserTask(key, "Published by the other designer")));
        var conflict = await Assert.ThrowsAsync<DefinitionPublishConflictException>(
            () => scope.Definitions.PublishAsync(Processes.UserTask(key, "Published by me"), Designer));

        Assert.Equal(1, Host.BeforeSave.Runs);
        Assert.Equal([key], conflict.Keys);
        Assert.Contains($"Another version of '{key}' was published at the same time", conflict.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<WorkflowConcurrencyException>(conflict);
        var latest = await scope.Definitions.GetAsync(key);
        Assert.Equal(2, latest!.Version);
        Assert.Contains("Published by the other designer", latest.Xml, StringComparison.Ordinal);

        var again = Assert.Single((await scope.Definitions.PublishAsync(Processes.UserTask(key, "Published by me"), Designer)).Definitions);
        Assert.True(again.IsNewVersion);
        Assert.Equal(3, again.Definition.Version);
        Assert.Equal([3, 2, 1], (await scope.Definitions.ListAsync(key)).Select(v => v.Version));
    }

    [Fact]
    public async Task FolderLoader_PublishesChangedFilesOnly()
    {
        var folder = Directory.CreateTempSubdirectory("tongguan-definitions-").FullName;
        try
        {
            var keyA = Processes.NewKey("folder_a");
            var keyB = Processes.NewKey("folder_b");
            await File.WriteAllTextAsync(Path.Combine(folder, "a.bpmn"), Processes.UserTask(keyA));
            await File.WriteAllTextAsync(Path.Combine(folder, "b.bpmn"), Processes.Timer(keyB));
            await File.WriteAllTextAsync(Path.Combine(folder, "ignored.txt"), "not a process");
            var loader = ActivatorUtilities.CreateInstance<DefinitionsFolderLoader>(Host.Services);

            var first = await loader.LoadAsync(folder, CancellationToken.None);
            Assert.Equal(["a.bpmn", "b.bpmn"], first.Keys.Order());
            Assert.All(first.Values, r => Assert.True(Assert.Single(r.Definitions).IsNewVersion));

            await File.WriteAllTextAsync(Path.Combine(folder, "a.bpmn"), Processes.UserTask(keyA, "Handle v2"));
            var second = await loader.LoadAsync(folder, CancellationToken.None);

            var a = Assert.Single(second["a.bpmn"].Definitions);
            Assert.True(a.IsNewVersion);
            Assert.Equal(2, a.Definition.Version);
            var b = Assert.Single(second["b.bpmn"].Definitions);
            Assert.False(b.IsNewVersion);
            Assert.Equal(1, b.Definition.Version);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }
}

public sealed class VersioningTestsOnSqlite(SqliteDatabase database) : VersioningTests<SqliteDatabase>(database);

public sealed class VersioningTestsOnPostgres(PostgresDatabase database) : VersioningTests<PostgresDatabase>(database);
