using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class ErrorTests
{
    private const string Errors = """
        <bpmn:error id="notOurs" errorCode="NOT_OURS" />
        <bpmn:error id="other" errorCode="OTHER" />
        """;

    [Fact]
    public async Task ErrorEnd_InSubProcess_IsCaughtByBoundaryWithMatchingCode()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
            <bpmn:subProcess id="sub">
              <bpmn:startEvent id="subStart" />
              <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="fork" />
              <bpmn:parallelGateway id="fork" />
              <bpmn:sequenceFlow id="s2" sourceRef="fork" targetRef="check" />
              <bpmn:sequenceFlow id="s3" sourceRef="fork" targetRef="sideTask" />
              <bpmn:userTask id="check" />
              <bpmn:userTask id="sideTask" />
              <bpmn:sequenceFlow id="s4" sourceRef="check" targetRef="reject" />
              <bpmn:endEvent id="reject"><bpmn:errorEventDefinition errorRef="notOurs" /></bpmn:endEvent>
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="wrongCode" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="other" /></bpmn:boundaryEvent>
            <bpmn:boundaryEvent id="caught" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="notOurs" /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="after" />
            <bpmn:sequenceFlow id="f3" sourceRef="caught" targetRef="reroute" />
            <bpmn:sequenceFlow id="f4" sourceRef="wrongCode" targetRef="after" />
            <bpmn:userTask id="after" />
            <bpmn:userTask id="reroute" />
            """, Errors);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        var outcome = await kit.CompleteTaskAsync(model, "check");

        Assert.Equal(["reroute"], kit.Waiting);
        Assert.Single(kit.State.Executions);
        Assert.Contains(outcome.Journal, j => j is { EventType: JournalEventType.ErrorThrown, Detail: "NOT_OURS" });
        Assert.Contains(outcome.Journal, j => j is { EventType: JournalEventType.NodeCancelled, NodeId: "sideTask" });
    }

    private const string ServiceWithCatchAll = """
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
        <bpmn:serviceTask id="call" tg:handler="registry" tg:async="ASYNC" />
        <bpmn:boundaryEvent id="anyError" attachedToRef="call"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="ok" />
        <bpmn:sequenceFlow id="f3" sourceRef="anyError" targetRef="manual" />
        <bpmn:userTask id="ok" />
        <bpmn:userTask id="manual" />
        """;

    [Fact]
    public async Task BpmnErrorFromSyncHandler_IsCaughtByCatchAllBoundary()
    {
        var handlers = new TestHandlerRegistry().Add("registry", _ => throw new BpmnErrorException("NO_RECORD", "not registered"));
        var model = ExecutorTestKit.Parse(ServiceWithCatchAll.Replace("ASYNC", "false", StringComparison.Ordinal));
        var kit = new ExecutorTestKit(handlers);

        await kit.StartAsync(model);

        Assert.Equal(["manual"], kit.Waiting);
    }

    [Fact]
    public async Task FailJobWithError_IsCaughtByBoundary()
    {
        var model = ExecutorTestKit.Parse(ServiceWithCatchAll.Replace("ASYNC", "true", StringComparison.Ordinal));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        await kit.ResumeAsync(model, new FailJobWithError(kit.Bookmark("call").Id, Actor.System, "NO_RECORD"));

        Assert.Equal(["manual"], kit.Waiting);
    }

    [Fact]
    public async Task FailChild_IsRethrownAtCallActivity_AndCaught()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="dispatch" />
            <bpmn:callActivity id="dispatch" calledElement="unified-dispatch" />
            <bpmn:boundaryEvent id="refused" attachedToRef="dispatch"><bpmn:errorEventDefinition errorRef="notOurs" /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="dispatch" targetRef="close" />
            <bpmn:sequenceFlow id="f3" sourceRef="refused" targetRef="arbitrate" />
            <bpmn:userTask id="close" />
            <bpmn:userTask id="arbitrate" />
            """, Errors);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        await kit.ResumeAsync(model, new FailChild(kit.Bookmark("dispatch").Id, Actor.System, "NOT_OURS", "wrong department"));

        Assert.Equal(["arbitrate"], kit.Waiting);
    }

    [Fact]
    public async Task UncaughtError_FaultsInstance()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="call" />
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="other" />
            <bpmn:serviceTask id="call" tg:handler="registry" tg:async="true" />
            <bpmn:boundaryEvent id="wrongCode" attachedToRef="call"><bpmn:errorEventDefinition errorRef="other" /></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f4" sourceRef="wrongCode" targetRef="other" />
            <bpmn:userTask id="other" />
            """, Errors);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        var outcome = await kit.ResumeAsync(model, new FailJobWithError(kit.Bookmark("call").Id, Actor.System, "NOT_OURS", "boom"));

        Assert.Equal(InstanceStatus.Faulted, kit.State.Status);
        Assert.Equal(("NOT_OURS", "boom"), (kit.State.FaultCode, kit.State.FaultMessage));
        Assert.Empty(kit.State.Bookmarks);
        Assert.Contains(outcome.Journal, j => j.EventType == JournalEventType.InstanceFaulted);
    }
}
