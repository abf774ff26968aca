using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class StartAndEndTests
{
    private const string Declarations = """
        <bpmn:message id="m1" name="ReportFiled" />
        """;

    private static readonly string Body = """
        <bpmn:startEvent id="start" />
        <bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:startEvent>
        <bpmn:startEvent id="byTimer"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fromNone" />
        <bpmn:sequenceFlow id="f2" sourceRef="byMessage" targetRef="fromMessage" />
        <bpmn:sequenceFlow id="f3" sourceRef="byTimer" targetRef="fromTimer" />
        <bpmn:userTask id="fromNone" />
        <bpmn:userTask id="fromMessage" />
        <bpmn:userTask id="fromTimer" />
        <bpmn:sequenceFlow id="f4" sourceRef="fromNone" targetRef="end" />
        <bpmn:sequenceFlow id="f5" sourceRef="fromMessage" targetRef="end" />
        <bpmn:sequenceFlow id="f6" sourceRef="fromTimer" targetRef="end" />
        <bpmn:endEvent id="end" />
        """;

    [Theory]
    [InlineData(null, "fromNone")]
    [InlineData("byMessage", "fromMessage")]
    [InlineData("byTimer", "fromTimer")]
    public async Task Start_RunsFromTheChosenStartEvent(string? startEventId, string expectedTask)
    {
        var model = ExecutorTestKit.Parse(Body, Declarations);
        var kit = new ExecutorTestKit();

        await kit.StartAsync(model, startEventId: startEventId);

        Assert.Equal([expectedTask], kit.Waiting);
        Assert.Equal(InstanceStatus.Running, kit.State.Status);
        Assert.Equal(kit.Time.GetUtcNow(), kit.State.StartedAt);
    }

    [Fact]
    public async Task Start_Throws_WhenStartEventIsUnknown()
    {
        var model = ExecutorTestKit.Parse(Body, Declarations);
        var kit = new ExecutorTestKit();

        var error = await Assert.ThrowsAsync<WorkflowException>(() => kit.StartAsync(model, startEventId: "fromNone"));

        Assert.Contains("fromNone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoneEnd_CompletesInstance_WhenLastTokenEnds()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a" />
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="b" />
            <bpmn:userTask id="a" />
            <bpmn:userTask id="b" />
            <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="endA" />
            <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="endB" />
            <bpmn:endEvent id="endA" />
            <bpmn:endEvent id="endB" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        await kit.CompleteTaskAsync(model, "a");
        Assert.Equal(InstanceStatus.Running, kit.State.Status);
        Assert.Equal(["b"], kit.Waiting);

        kit.Time.Advance(TimeSpan.FromHours(2));
        await kit.CompleteTaskAsync(model, "b");

        Assert.Equal(InstanceStatus.Completed, kit.State.Status);
        Assert.Empty(kit.State.Executions);
        Assert.Equal(kit.Time.GetUtcNow(), kit.State.EndedAt);
        Assert.Contains(kit.Last.Journal, j => j.EventType == JournalEventType.InstanceCompleted);
    }

    [Fact]
    public async Task TerminateEnd_EndsWholeInstance_AndRemovesOtherTasks()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a" />
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="b" />
            <bpmn:userTask id="a" />
            <bpmn:userTask id="b" />
            <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="kill" />
            <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="end" />
            <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>
            <bpmn:endEvent id="end" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        var taskB = kit.Bookmark("b");

        await kit.CompleteTaskAsync(model, "a");

        Assert.Equal(InstanceStatus.Terminated, kit.State.Status);
        Assert.Empty(kit.State.Bookmarks);
        Assert.Empty(kit.State.Executions);
        Assert.Contains(taskB, kit.Last.RemovedBookmarks);
        Assert.Contains(kit.Last.Journal, j => j is { EventType: JournalEventType.NodeCancelled, NodeId: "b" });
        Assert.Contains(kit.Last.Journal, j => j.EventType == JournalEventType.InstanceTerminated);
    }

    [Fact]
    public async Task TerminateEnd_InSubProcess_EndsOnlyTheSubProcess()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="subStart" />
              <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="fork" />
              <bpmn:parallelGateway id="fork" />
              <bpmn:sequenceFlow id="s2" sourceRef="fork" targetRef="inner1" />
              <bpmn:sequenceFlow id="s3" sourceRef="fork" targetRef="inner2" />
              <bpmn:userTask id="inner1" />
              <bpmn:userTask id="inner2" />
              <bpmn:sequenceFlow id="s4" sourceRef="inner1" targetRef="stop" />
              <bpmn:sequenceFlow id="s5" sourceRef="inner2" targetRef="subEnd" />
              <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
              <bpmn:endEvent id="subEnd" />
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="after" />
            <bpmn:userTask id="after" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        Assert.Equal(["inner1", "inner2"], kit.Waiting);

        await kit.CompleteTaskAsync(model, "inner1");

        Assert.Equal(InstanceStatus.Running, kit.State.Status);
        Assert.Equal(["after"], kit.Waiting);
        Assert.Contains(kit.Last.Journal, j => j is { EventType: JournalEventType.NodeCancelled, NodeId: "inner2" });
        Assert.Contains(kit.Last.Journal, j => j is { EventType: JournalEventType.NodeCompleted, NodeId: "sub" });
    }
}
