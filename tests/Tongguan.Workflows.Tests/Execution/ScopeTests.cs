using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class ScopeTests
{
    [Fact]
    public async Task CallActivity_RequestsChildWithCopiedVariables_AndCompleteChildMergesOutput()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="dispatch" />
            <bpmn:callActivity id="dispatch" calledElement="unified-dispatch" tg:version="3" />
            <bpmn:sequenceFlow id="f2" sourceRef="dispatch" targetRef="close" />
            <bpmn:userTask id="close" />
            """);
        var kit = new ExecutorTestKit();

        var outcome = await kit.StartAsync(model, ExecutorTestKit.Vars("""{"category":"road"}"""));

        var request = Assert.Single(outcome.ChildStarts);
        var bookmark = kit.Bookmark("dispatch");
        Assert.Equal(BookmarkKind.CallActivity, bookmark.Kind);
        Assert.Equal((bookmark.Id, bookmark.ChildInstanceId!.Value, "unified-dispatch", 3),
            (request.BookmarkId, request.ChildInstanceId, request.ProcessKey, request.Version!.Value));
        Assert.Equal("road", request.Variables["category"]!.GetValue<string>());
        Assert.NotSame(kit.State.Variables, request.Variables);

        await kit.ResumeAsync(model, new CompleteChild(bookmark.Id, Actor.System, ExecutorTestKit.Vars("""{"department":"roads"}""")));

        Assert.Equal("roads", kit.State.Variables["department"]!.GetValue<string>());
        Assert.Equal(["close"], kit.Waiting);
    }

    [Fact]
    public async Task InterruptingBoundaryOnCallActivity_ListsCancelledChildInstance()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="dispatch" />
            <bpmn:callActivity id="dispatch" calledElement="unified-dispatch" />
            <bpmn:boundaryEvent id="late" attachedToRef="dispatch"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="escalate" />
            <bpmn:userTask id="escalate" />
            """);
        var kit = new ExecutorTestKit();
        var started = await kit.StartAsync(model);
        var childId = started.ChildStarts[0].ChildInstanceId;

        var outcome = await kit.ResumeAsync(model, new FireTimer(kit.Bookmark("late").Id, Actor.System));

        Assert.Equal([childId], outcome.CancelledChildInstances);
        Assert.Equal(["escalate"], kit.Waiting);
    }

    [Fact]
    public async Task SubProcess_RunsItsStart_AndCompletesWhenLastInnerTokenEnds()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="subStart" />
              <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="fork" />
              <bpmn:parallelGateway id="fork" />
              <bpmn:sequenceFlow id="s2" sourceRef="fork" targetRef="a" />
              <bpmn:sequenceFlow id="s3" sourceRef="fork" targetRef="b" />
              <bpmn:userTask id="a" />
              <bpmn:userTask id="b" />
              <bpmn:sequenceFlow id="s4" sourceRef="a" targetRef="endA" />
              <bpmn:sequenceFlow id="s5" sourceRef="b" targetRef="endB" />
              <bpmn:endEvent id="endA" />
              <bpmn:endEvent id="endB" />
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="after" />
            <bpmn:userTask id="after" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        var scope = Assert.Single(kit.State.Executions, e => e.Kind == ExecutionKind.Scope);
        Assert.Equal("sub", scope.NodeId);
        Assert.All(kit.State.Executions.Where(e => e.NodeId is "a" or "b"), e => Assert.Equal(scope.Id, e.ParentId));

        await kit.CompleteTaskAsync(model, "a");
        Assert.Equal(["b"], kit.Waiting);

        await kit.CompleteTaskAsync(model, "b");
        Assert.Equal(["after"], kit.Waiting);
        Assert.Single(kit.State.Executions);
    }

    [Fact]
    public async Task InterruptingTimerOnSubProcess_CancelsInnerTasks()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="subStart" />
              <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="a" />
              <bpmn:userTask id="a" />
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="escalate" />
            <bpmn:userTask id="escalate" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        await kit.ResumeAsync(model, new FireTimer(kit.Bookmark("late").Id, Actor.System));

        Assert.Equal(["escalate"], kit.Waiting);
        Assert.Single(kit.State.Executions);
    }
}
