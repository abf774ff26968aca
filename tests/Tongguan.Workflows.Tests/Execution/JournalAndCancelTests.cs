using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class JournalAndCancelTests
{
    private static readonly string Body = """
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="intake" />
        <bpmn:userTask id="intake" />
        <bpmn:sequenceFlow id="f2" sourceRef="intake" targetRef="dispatch" />
        <bpmn:callActivity id="dispatch" calledElement="child" />
        <bpmn:sequenceFlow id="f3" sourceRef="dispatch" targetRef="end" />
        <bpmn:endEvent id="end" />
        """;

    [Fact]
    public async Task Journal_RecordsEveryStepWithInstanceContextActorAndTime()
    {
        var model = ExecutorTestKit.Parse(Body);
        var kit = new ExecutorTestKit(options: new ExecutorOptions { JournalFlowsTaken = true });
        var started = await kit.StartAsync(model);
        kit.Time.Advance(TimeSpan.FromMinutes(30));

        var completed = await kit.CompleteTaskAsync(model, "intake", actor: "agent-3");

        Assert.Equal(
            [
                (JournalEventType.InstanceStarted, "start"),
                (JournalEventType.NodeEntered, "start"),
                (JournalEventType.NodeCompleted, "start"),
                (JournalEventType.FlowTaken, "start"),
                (JournalEventType.NodeEntered, "intake"),
                (JournalEventType.TaskCreated, "intake"),
            ],
            started.Journal.Select(j => (j.EventType, j.NodeId)));
        Assert.Equal(
            [
                (JournalEventType.TaskCompleted, "intake"),
                (JournalEventType.NodeCompleted, "intake"),
                (JournalEventType.FlowTaken, "intake"),
                (JournalEventType.NodeEntered, "dispatch"),
            ],
            completed.Journal.Select(j => (j.EventType, j.NodeId)));
        Assert.All(completed.Journal, j =>
        {
            Assert.Equal((kit.State.Id, "p", 1, "case-1", "agent-3"), (j.InstanceId, j.DefinitionKey, j.DefinitionVersion, j.BusinessKey, j.ActorId));
            Assert.Equal(kit.Time.GetUtcNow(), j.At);
        });
        Assert.Equal("userTask", completed.Journal[0].NodeType);
    }

    [Fact]
    public async Task Cancel_RemovesEverything_AndListsChildInstances()
    {
        var model = ExecutorTestKit.Parse(Body);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        var called = await kit.CompleteTaskAsync(model, "intake");
        var bookmark = kit.Bookmark("dispatch");

        var outcome = kit.Executor.Cancel(model, kit.State, new Actor("admin"), "duplicate report");

        Assert.Equal(InstanceStatus.Cancelled, kit.State.Status);
        Assert.Empty(kit.State.Executions);
        Assert.Empty(kit.State.Bookmarks);
        Assert.Equal([bookmark], outcome.RemovedBookmarks);
        Assert.Equal([called.ChildStarts[0].ChildInstanceId], outcome.CancelledChildInstances);
        var entry = Assert.Single(outcome.Journal, j => j.EventType == JournalEventType.InstanceCancelled);
        Assert.Equal(("admin", "duplicate report"), (entry.ActorId, entry.Detail));
        Assert.Throws<InstanceNotRunningException>(() => kit.Executor.Cancel(model, kit.State, new Actor("admin"), null));
    }

    [Fact]
    public async Task State_SurvivesJsonRoundTrip_BetweenCalls()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="coHandle" />
            <bpmn:userTask id="coHandle">
              <bpmn:multiInstanceLoopCharacteristics tg:collection="departments" tg:elementVariable="dept">
                <bpmn:completionCondition>nrOfCompletedInstances == 1</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="coHandle" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"departments":["a","b"]}"""));
        var json = System.Text.Json.JsonSerializer.Serialize(kit.State);
        var reloaded = System.Text.Json.JsonSerializer.Deserialize<InstanceState>(json)!;

        await kit.Executor.ResumeAsync(model, reloaded, new CompleteUserTask(reloaded.Bookmarks[0].Id, new Actor("a")));

        Assert.Equal(InstanceStatus.Completed, reloaded.Status);
    }
}
