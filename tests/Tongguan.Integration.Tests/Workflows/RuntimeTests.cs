using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Integration.Tests.Workflows;

public abstract class RuntimeTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : DatabaseFixture
{
    private static readonly Actor Officer = new("officer-1", "Officer One");

    protected WorkflowTestHost Host { get; } = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private async Task<(InstanceState Instance, UserTaskRecord Task)> StartUserTaskAsync(string? businessKey = null)
    {
        var key = Processes.NewKey("handle");
        await Host.PublishAsync(Processes.UserTask(key));
        await using var scope = Host.Scope();
        var instance = await scope.Runtime.StartAsync(key, businessKey ?? $"case-{Guid.NewGuid():N}", new JsonObject { ["category"] = "road" }, Officer);
        var tasks = await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id });
        return (instance, Assert.Single(tasks.Items));
    }

    [Fact]
    public async Task StartCompleteTask_RunsToEnd_AndJournalsEveryStep()
    {
        var (instance, task) = await StartUserTaskAsync();
        Assert.Equal(UserTaskStatus.Open, task.Status);
        Assert.Equal("handle", task.NodeId);
        Assert.Equal(["district", "street"], task.Candidates.Where(c => c.Kind == CandidateKind.Group).Select(c => c.Value).Order());

        await using (var scope = Host.Scope())
        {
            var done = await scope.Runtime.CompleteTaskAsync(task.Id, Officer, new JsonObject { ["result"] = "fixed" });
            Assert.Equal(InstanceStatus.Completed, done.Status);
        }

        await using (var scope = Host.Scope())
        {
            var reloaded = await scope.Runtime.GetInstanceAsync(instance.Id);
            Assert.Equal(InstanceStatus.Completed, reloaded!.Status);
            Assert.Equal("fixed", reloaded.Variables["result"]!.GetValue<string>());
            var row = await scope.Runtime.GetTaskAsync(task.Id);
            Assert.Equal(UserTaskStatus.Completed, row!.Status);
            Assert.Equal(Officer.Id, row.CompletedBy);

            var journal = await scope.Runtime.GetJournalAsync(instance.Id);
            var types = journal.Select(j => j.EventType).ToList();
            Assert.Equal(JournalEventType.InstanceStarted, types[0]);
            Assert.Equal(JournalEventType.InstanceCompleted, types[^1]);
            Assert.Contains(JournalEventType.TaskCreated, types);
            Assert.Contains(journal, j => j.EventType == JournalEventType.TaskCompleted && j.ActorId == Officer.Id);
            Assert.True(journal.Select(j => j.Sequence).SequenceEqual(journal.Select(j => j.Sequence).Order()));
        }
    }

    [Fact]
    public async Task QueryTasks_FiltersByGroupAssigneeAndStatus_WithPaging()
    {
        var businessKey = $"case-{Guid.NewGuid():N}";
        var key = Processes.NewKey("inbox");
        var group = $"grid-{Guid.NewGuid():N}";
        await Host.PublishAsync(Processes.UserTask(key, group: group));
        await using var scope = Host.Scope();
        for (var i = 0; i < 3; i++)
        {
            await scope.Runtime.StartAsync(key, businessKey, null, Officer);
        }

        var byGroup = await scope.Runtime.QueryTasksAsync(new TaskQuery { CandidateGroups = [group, "nobody"], Take = 2 });
        Assert.Equal(3, byGroup.Total);
        Assert.Equal(2, byGroup.Items.Count);

        await scope.Runtime.ClaimTaskAsync(byGroup.Items[0].Id, Officer);
        var mine = await scope.Runtime.QueryTasksAsync(new TaskQuery { Assignee = Officer.Id, DefinitionKey = key });
        Assert.Equal(byGroup.Items[0].Id, Assert.Single(mine.Items).Id);
        var open = await scope.Runtime.QueryTasksAsync(new TaskQuery { CandidateGroups = [group], Statuses = [UserTaskStatus.Open] });
        Assert.Equal(2, open.Total);
        var none = await scope.Runtime.QueryTasksAsync(new TaskQuery { CandidateGroups = ["no-such-group"] });
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task ClaimUnclaimDelegate_ChangeAssignee_AndAreJournaledAsHumanActions()
    {
        var (instance, task) = await StartUserTaskAsync();
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.ClaimTaskAsync(task.Id, Officer);
            await Assert.ThrowsAsync<TaskStateException>(() => scope.Runtime.ClaimTaskAsync(task.Id, new Actor("officer-2")));
            await scope.Runtime.DelegateTaskAsync(task.Id, "officer-3", Officer);
        }

        await using (var scope = Host.Scope())
        {
            Assert.Equal("officer-3", (await scope.Runtime.GetTaskAsync(task.Id))!.Assignee);
            Assert.Equal(UserTaskStatus.Assigned, (await scope.Runtime.GetTaskAsync(task.Id))!.Status);
            await scope.Runtime.UnclaimTaskAsync(task.Id, new Actor("officer-3"));
        }

        await using (var scope = Host.Scope())
        {
            var row = await scope.Runtime.GetTaskAsync(task.Id);
            Assert.Null(row!.Assignee);
            Assert.Equal(UserTaskStatus.Open, row.Status);
            var journal = await scope.Runtime.GetJournalAsync(instance.Id);
            Assert.Equal(
                [JournalEventType.TaskClaimed, JournalEventType.TaskDelegated, JournalEventType.TaskUnclaimed],
                journal.Where(j => j.EventType is JournalEventType.TaskClaimed or JournalEventType.TaskDelegated or JournalEventType.TaskUnclaimed)
                    .Select(j => j.EventType));
            Assert.Contains(journal, j => j.EventType == JournalEventType.TaskDelegated && j.ActorId == Officer.Id);
        }
    }

    [Fact]
    public async Task CompleteTask_FromTwoContexts_ExactlyOneWins()
    {
        var (instance, task) = await StartUserTaskAsync();
        await using var first = Host.Scope();
        await using var second = Host.Scope();
        var attempts = new[]
        {
            Attempt(first.Runtime.CompleteTaskAsync(task.Id, new Actor("a"))),
            Attempt(second.Runtime.CompleteTaskAsync(task.Id, new Actor("b"))),
        };
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r is null);
        var failure = Assert.IsType<WorkflowConcurrencyException>(Assert.Single(results, r => r is not null));
        Assert.Contains(task.Id, failure.Message, StringComparison.Ordinal);
        await using var check = Host.Scope();
        var journal = await check.Runtime.GetJournalAsync(instance.Id);
        Assert.Single(journal, j => j.EventType == JournalEventType.TaskCompleted);
        Assert.Single(journal, j => j.EventType == JournalEventType.InstanceCompleted);

        static async Task<Exception?> Attempt(Task work)
        {
            try
            {
                await work;
                return null;
            }
            catch (WorkflowConcurrencyException ex)
            {
                return ex;
            }
        }
    }

    [Fact]
    public async Task CompleteTask_SavesCallersPendingChanges_InTheSameTransaction()
    {
        var (_, task) = await StartUserTaskAsync();
        var note = new CaseNote { Id = Guid.NewGuid(), Text = "fixed the pothole" };
        await using (var scope = Host.Scope())
        {
            scope.Db.CaseNotes.Add(note);
            await scope.Runtime.CompleteTaskAsync(task.Id, Officer);
        }

        await using var check = Host.Scope();
        Assert.True(await check.Db.CaseNotes.AnyAsync(n => n.Id == note.Id));
        Assert.Equal(UserTaskStatus.Completed, (await check.Runtime.GetTaskAsync(task.Id))!.Status);
    }

    [Fact]
    public async Task CompleteTask_JoinsCallersTransaction_AndRollsBackWithIt()
    {
        var (instance, task) = await StartUserTaskAsync();
        var note = new CaseNote { Id = Guid.NewGuid(), Text = "will be rolled back" };
        await using (var scope = Host.Scope())
        {
            await using var transaction = await scope.Db.Database.BeginTransactionAsync();
            scope.Db.CaseNotes.Add(note);
            await scope.Runtime.CompleteTaskAsync(task.Id, Officer);
            await transaction.RollbackAsync();
        }

        await using var check = Host.Scope();
        Assert.False(await check.Db.CaseNotes.AnyAsync(n => n.Id == note.Id));
        Assert.Equal(UserTaskStatus.Open, (await check.Runtime.GetTaskAsync(task.Id))!.Status);
        Assert.Equal(InstanceStatus.Running, (await check.Runtime.GetInstanceAsync(instance.Id))!.Status);
    }

    [Fact]
    public async Task CrashDuringSave_LeavesDatabaseAsBefore_AndRetrySucceeds()
    {
        var (instance, task) = await StartUserTaskAsync();
        long revisionBefore;
        int journalBefore;
        await using (var scope = Host.Scope())
        {
            revisionBefore = (await scope.Runtime.GetInstanceAsync(instance.Id))!.Revision;
            journalBefore = (await scope.Runtime.GetJournalAsync(instance.Id)).Count;
        }

        var note = new CaseNote { Id = Guid.NewGuid(), Text = "saved with the completion" };
        await using (var scope = Host.Scope())
        {
            scope.Db.CaseNotes.Add(note);
            Host.Crash.Arm("wf_journal");
            var crash = await Assert.ThrowsAsync<DbUpdateException>(() => scope.Runtime.CompleteTaskAsync(task.Id, Officer));
            Assert.IsType<InvalidOperationException>(crash.InnerException);
            Assert.Equal(1, Host.Crash.Crashes);

            // Same scope, same context: the failed attempt left nothing staged for the engine.
            await scope.Runtime.CompleteTaskAsync(task.Id, Officer);
        }

        await using var check = Host.Scope();
        var after = await check.Runtime.GetInstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, after!.Status);
        Assert.Equal(revisionBefore + 1, after.Revision);
        var journal = await check.Runtime.GetJournalAsync(instance.Id);
        Assert.Single(journal, j => j.EventType == JournalEventType.TaskCompleted);
        Assert.True(journal.Count > journalBefore);
        Assert.True(await check.Db.CaseNotes.AnyAsync(n => n.Id == note.Id));
    }

    [Fact]
    public async Task CrashDuringSave_DoesNotSaveCallersChange()
    {
        var (instance, task) = await StartUserTaskAsync();
        var note = new CaseNote { Id = Guid.NewGuid(), Text = "lost with the failed completion" };
        await using (var scope = Host.Scope())
        {
            scope.Db.CaseNotes.Add(note);
            Host.Crash.Arm("wf_journal");
            var crash = await Assert.ThrowsAsync<DbUpdateException>(() => scope.Runtime.CompleteTaskAsync(task.Id, Officer));
            Assert.IsType<InvalidOperationException>(crash.InnerException);
        }

        await using var check = Host.Scope();
        Assert.False(await check.Db.CaseNotes.AnyAsync(n => n.Id == note.Id));
        Assert.Equal(UserTaskStatus.Open, (await check.Runtime.GetTaskAsync(task.Id))!.Status);
        Assert.Equal(InstanceStatus.Running, (await check.Runtime.GetInstanceAsync(instance.Id))!.Status);
    }

    [Fact]
    public async Task EngineFailure_DoesNotSaveCallersChange()
    {
        var (_, task) = await StartUserTaskAsync();
        var note = new CaseNote { Id = Guid.NewGuid(), Text = "not saved" };
        await using (var scope = Host.Scope())
        {
            await scope.Runtime.CompleteTaskAsync(task.Id, Officer);
        }

        await using (var scope = Host.Scope())
        {
            scope.Db.CaseNotes.Add(note);
            await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => scope.Runtime.CompleteTaskAsync(task.Id, Officer));
        }

        await using var check = Host.Scope();
        Assert.False(await check.Db.CaseNotes.AnyAsync(n => n.Id == note.Id));
    }

    [Fact]
    public async Task CorrelateMessage_HitsOnlyTheSubscriptionWithThatNameAndKey()
    {
        var key = Processes.NewKey("wait");
        var message = $"inspected-{Guid.NewGuid():N}";
        await Host.PublishAsync(Processes.WaitForMessage(key, message));
        InstanceState first, second;
        await using (var scope = Host.Scope())
        {
            first = await scope.Runtime.StartAsync(key, "case-1", null, Officer);
            second = await scope.Runtime.StartAsync(key, "case-2", null, Officer);
        }

        await using (var scope = Host.Scope())
        {
            var none = await scope.Runtime.CorrelateMessageAsync(message, "case-9", null);
            Assert.Equal(0, none.Count);
            var hit = await scope.Runtime.CorrelateMessageAsync(message, "case-1", new JsonObject { ["verdict"] = "ok" });
            Assert.Equal(1, hit.Count);
            Assert.Equal([first.Id], hit.Delivered);
        }

        await using var check = Host.Scope();
        var done = await check.Runtime.GetInstanceAsync(first.Id);
        Assert.Equal(InstanceStatus.Completed, done!.Status);
        Assert.Equal(InstanceStatus.Running, (await check.Runtime.GetInstanceAsync(second.Id))!.Status);
        Assert.Equal(0, (await check.Runtime.CorrelateMessageAsync(message, "case-1", null)).Count);
    }

    [Fact]
    public async Task CorrelateMessage_StartsInstances_OfMessageStartEvents()
    {
        var key = Processes.NewKey("intake");
        var message = $"report-{Guid.NewGuid():N}";
        await Host.PublishAsync(Processes.StartedByMessage(key, message));
        await using var scope = Host.Scope();

        var result = await scope.Runtime.CorrelateMessageAsync(message, "report-7", new JsonObject { ["channel"] = "Hotline12345" });

        var started = await scope.Runtime.GetInstanceAsync(Assert.Single(result.Started));
        Assert.Equal(key, started!.DefinitionKey);
        Assert.Equal("report-7", started.BusinessKey);
        Assert.Equal("Hotline12345", started.Variables["channel"]!.GetValue<string>());
        var tasks = await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = started.Id });
        Assert.Equal(1, tasks.Total);
    }

    [Fact]
    public async Task SendTask_CorrelatesToWaitingInstance_InTheSameTransaction()
    {
        var message = $"notify-{Guid.NewGuid():N}";
        var waitKey = Processes.NewKey("waiter");
        var sendKey = Processes.NewKey("sender");
        await Host.PublishAsync(Processes.WaitForMessage(waitKey, message));
        await Host.PublishAsync(Processes.SendMessage(sendKey, message));
        InstanceState waiter;
        await using (var scope = Host.Scope())
        {
            waiter = await scope.Runtime.StartAsync(waitKey, "case-3", null, Officer);
        }

        await using (var scope = Host.Scope())
        {
            var sender = await scope.Runtime.StartAsync(sendKey, "case-3", null, Officer);
            Assert.Equal(InstanceStatus.Completed, sender.Status);
        }

        await using var check = Host.Scope();
        Assert.Equal(InstanceStatus.Completed, (await check.Runtime.GetInstanceAsync(waiter.Id))!.Status);
        Assert.Contains(await check.Runtime.GetJournalAsync(waiter.Id), j => j.EventType == JournalEventType.MessageReceived);
    }

    [Fact]
    public async Task CallActivity_StartsChild_AndResumesParentWhenChildEnds()
    {
        var childKey = Processes.NewKey("child");
        var parentKey = Processes.NewKey("parent");
        await Host.PublishAsync(Processes.UserTask(childKey, "Child work"));
        await Host.PublishAsync(Processes.Parent(parentKey, childKey));
        InstanceState parent;
        InstanceRecord child;
        await using (var scope = Host.Scope())
        {
            parent = await scope.Runtime.StartAsync(parentKey, "case-5", new JsonObject { ["district"] = "Xuhui" }, Officer);
            child = Assert.Single(await scope.Runtime.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = parent.Id }));
            Assert.Equal(childKey, child.DefinitionKey);
            Assert.Equal(InstanceStatus.Running, child.Status);
        }

        await using (var scope = Host.Scope())
        {
            var childTask = Assert.Single((await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = child.Id })).Items);
            await scope.Runtime.CompleteTaskAsync(childTask.Id, Officer, new JsonObject { ["outcome"] = "escalated" });
        }

        await using var check = Host.Scope();
        Assert.Equal(InstanceStatus.Completed, (await check.Runtime.GetInstanceAsync(child.Id))!.Status);
        var parentTasks = await check.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = parent.Id, Statuses = [UserTaskStatus.Open] });
        Assert.Equal("after", Assert.Single(parentTasks.Items).NodeId);
    }

    [Fact]
    public async Task Cancel_CancelsInstanceAndItsCalledChildren()
    {
        var childKey = Processes.NewKey("child");
        var parentKey = Processes.NewKey("parent");
        await Host.PublishAsync(Processes.UserTask(childKey));
        await Host.PublishAsync(Processes.Parent(parentKey, childKey));
        InstanceState parent;
        await using (var scope = Host.Scope())
        {
            parent = await scope.Runtime.StartAsync(parentKey, "case-6", null, Officer);
        }

        await using (var scope = Host.Scope())
        {
            var cancelled = await scope.Runtime.CancelAsync(parent.Id, Officer, "duplicate report");
            Assert.Equal(InstanceStatus.Cancelled, cancelled.Status);
            await Assert.ThrowsAsync<InstanceNotRunningException>(() => scope.Runtime.CancelAsync(parent.Id, Officer, null));
        }

        await using var check = Host.Scope();
        var child = Assert.Single(await check.Runtime.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = parent.Id }));
        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        var childTask = Assert.Single((await check.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = child.Id })).Items);
        Assert.Equal(UserTaskStatus.Cancelled, childTask.Status);
        Assert.Contains(await check.Runtime.GetJournalAsync(parent.Id), j => j.EventType == JournalEventType.InstanceCancelled);
    }

    [Fact]
    public async Task EndedTasks_MarkTheirCandidateRowsEnded_AndLeaveTheGroupsLiveQuery()
    {
        var key = Processes.NewKey("ended");
        var group = $"grid-{Guid.NewGuid():N}";
        await Host.PublishAsync(Processes.UserTask(key, group: group));
        var ids = new List<Guid>();
        await using (var scope = Host.Scope())
        {
            for (var i = 0; i < 3; i++)
            {
                ids.Add((await scope.Runtime.StartAsync(key, $"case-{Guid.NewGuid():N}", null, Officer)).Id);
            }
        }

        string completed;
        await using (var scope = Host.Scope())
        {
            completed = Assert.Single((await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = ids[0] })).Items).Id;
            await scope.Runtime.CompleteTaskAsync(completed, Officer, null);
        }

        await using (var scope = Host.Scope())
        {
            await scope.Runtime.CancelAsync(ids[1], Officer, "withdrawn");
        }

        await using var check = Host.Scope();
        var rows = await check.Db.Set<TaskCandidate>().AsNoTracking().Where(c => c.Value == group).ToListAsync();
        var tasks = await check.Runtime.QueryTasksAsync(new TaskQuery { CandidateGroups = [group] });
        Assert.Equal(3, tasks.Total);
        var byInstance = tasks.Items.ToDictionary(t => t.InstanceId, t => t.Id);
        Assert.True(rows.Single(r => r.TaskId == byInstance[ids[0]]).TaskEnded);
        Assert.True(rows.Single(r => r.TaskId == byInstance[ids[1]]).TaskEnded);
        Assert.False(rows.Single(r => r.TaskId == byInstance[ids[2]]).TaskEnded);

        var live = await check.Runtime.QueryTasksAsync(new TaskQuery { CandidateGroups = [group], Statuses = [UserTaskStatus.Open, UserTaskStatus.Assigned] });
        Assert.Equal(byInstance[ids[2]], Assert.Single(live.Items).Id);
        var done = await check.Runtime.QueryTasksAsync(new TaskQuery { CandidateGroups = [group], Statuses = [UserTaskStatus.Completed] });
        Assert.Equal(completed, Assert.Single(done.Items).Id);
    }

    [Fact]
    public async Task JournalQueries_AggregateSetWise_AndStreamByNode()
    {
        var key = Processes.NewKey("mining");
        await Host.PublishAsync(Processes.UserTask(key));
        var from = Host.Time.GetUtcNow();
        await using (var scope = Host.Scope())
        {
            for (var i = 0; i < 3; i++)
            {
                var instance = await scope.Runtime.StartAsync(key, $"m-{i}", null, Officer);
                Host.Time.Advance(TimeSpan.FromMinutes(5));
                var task = Assert.Single((await scope.Runtime.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id })).Items);
                await scope.Runtime.CompleteTaskAsync(task.Id, Officer);
            }
        }

        // PostgreSQL keeps microseconds: a one-tick margin would round away.
        var to = Host.Time.GetUtcNow().AddSeconds(1);
        await using var check = Host.Scope();
        var perNode = await check.Runtime.Journal
            .Where(j => j.DefinitionKey == key && j.At >= from && j.At < to && j.EventType == JournalEventType.TaskCompleted)
            .GroupBy(j => j.NodeId)
            .Select(g => new { NodeId = g.Key, Count = g.Count() })
            .ToListAsync();
        Assert.Equal(3, Assert.Single(perNode, g => g.NodeId == "handle").Count);

        var streamed = new List<JournalRecord>();
        await foreach (var line in check.Runtime.StreamJournalAsync(new JournalQuery { DefinitionKey = key, NodeId = "handle", From = from, To = to }))
        {
            streamed.Add(line);
        }

        Assert.Equal(3, streamed.Count(j => j.EventType == JournalEventType.TaskCompleted));
        Assert.All(streamed, j => Assert.Equal("handle", j.NodeId));
        var none = await check.Runtime.Journal.CountAsync(j => j.DefinitionKey == key && j.At >= to);
        Assert.Equal(0, none);
    }
}

public sealed class RuntimeTestsOnSqlite(SqliteDatabase database) : RuntimeTests<SqliteDatabase>(database);

public sealed class RuntimeTestsOnPostgres(PostgresDatabase database) : RuntimeTests<PostgresDatabase>(database);
