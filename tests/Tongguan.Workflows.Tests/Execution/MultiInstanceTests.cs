using System.Text.Json.Nodes;
using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class MultiInstanceTests
{
    private static string CoHandling(bool sequential, string extra = "") => $$"""
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="coHandle" />
        <bpmn:userTask id="coHandle" tg:assignee="${dept}">
          <bpmn:multiInstanceLoopCharacteristics isSequential="{{(sequential ? "true" : "false")}}" tg:collection="departments" tg:elementVariable="dept">{{extra}}</bpmn:multiInstanceLoopCharacteristics>
        </bpmn:userTask>
        <bpmn:sequenceFlow id="f2" sourceRef="coHandle" targetRef="verify" />
        <bpmn:userTask id="verify" />
        """;

    private static readonly JsonObject Departments = ExecutorTestKit.Vars("""{"departments":["roads","water","police"]}""");

    [Fact]
    public async Task ParallelMultiInstance_CreatesOneTaskPerElement_AndCollectsResultsInOrder()
    {
        var model = ExecutorTestKit.Parse(CoHandling(sequential: false));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, Departments);

        var tasks = kit.State.Bookmarks.Where(b => b.NodeId == "coHandle").ToList();
        Assert.Equal(["roads", "water", "police"], tasks.Select(t => t.Assignee));
        var parent = Assert.Single(kit.State.Executions, e => e.Kind == ExecutionKind.MultiInstance);
        Assert.Equal(3, parent.LoopCount);

        await kit.ResumeAsync(model, new CompleteUserTask(tasks[2].Id, new Actor("p"), ExecutorTestKit.Vars("""{"opinion":"C"}""")));
        await kit.ResumeAsync(model, new CompleteUserTask(tasks[0].Id, new Actor("r"), ExecutorTestKit.Vars("""{"opinion":"A"}""")));
        Assert.DoesNotContain("verify", kit.Waiting);
        await kit.ResumeAsync(model, new CompleteUserTask(tasks[1].Id, new Actor("w")));

        Assert.Equal(["verify"], kit.Waiting);
        Assert.Equal("""[{"opinion":"A"},{},{"opinion":"C"}]""", kit.State.Variables["coHandleResults"]!.ToJsonString());
        Assert.False(kit.State.Variables.ContainsKey("opinion"));
    }

    [Fact]
    public async Task SequentialMultiInstance_RunsOneInstanceAtATime()
    {
        var model = ExecutorTestKit.Parse(CoHandling(sequential: true));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, Departments);
        Assert.Equal("roads", kit.Bookmark("coHandle").Assignee);

        await kit.CompleteTaskAsync(model, "coHandle");
        Assert.Equal("water", kit.Bookmark("coHandle").Assignee);
        await kit.CompleteTaskAsync(model, "coHandle");
        Assert.Equal("police", kit.Bookmark("coHandle").Assignee);
        await kit.CompleteTaskAsync(model, "coHandle");

        Assert.Equal(["verify"], kit.Waiting);
    }

    [Fact]
    public async Task CompletionCondition_CancelsRemainingInstances()
    {
        var model = ExecutorTestKit.Parse(CoHandling(sequential: false,
            "<bpmn:completionCondition>${nrOfCompletedInstances &gt;= 2 &amp;&amp; nrOfActiveInstances == 1}</bpmn:completionCondition>"));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, Departments);
        var tasks = kit.State.Bookmarks.Where(b => b.NodeId == "coHandle").ToList();

        await kit.ResumeAsync(model, new CompleteUserTask(tasks[0].Id, new Actor("r")));
        var outcome = await kit.ResumeAsync(model, new CompleteUserTask(tasks[1].Id, new Actor("w")));

        Assert.Equal(["verify"], kit.Waiting);
        Assert.Contains(tasks[2], outcome.RemovedBookmarks);
        Assert.Equal("""[{},{},null]""", kit.State.Variables["coHandleResults"]!.ToJsonString());
    }

    [Fact]
    public async Task LoopCardinality_RunsFixedNumberOfInstances_WithLoopCounter()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="inspect" />
            <bpmn:userTask id="inspect" tg:assignee="${'inspector-' + loopCounter}">
              <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${inspectors}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            """);
        var kit = new ExecutorTestKit();

        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"inspectors":2}"""));

        Assert.Equal(["inspector-0", "inspector-1"], kit.State.Bookmarks.Select(b => b.Assignee));
    }

    [Fact]
    public async Task MultiInstanceServiceTask_CallsHandlerPerElement()
    {
        var handlers = new TestHandlerRegistry().Add("notify", c => new JsonObject { ["to"] = c.Variables["dept"]!.DeepClone() });
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notifyAll" />
            <bpmn:serviceTask id="notifyAll" tg:handler="notify">
              <bpmn:multiInstanceLoopCharacteristics tg:collection="departments" tg:elementVariable="dept" />
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="notifyAll" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        var kit = new ExecutorTestKit(handlers);

        await kit.StartAsync(model, Departments);

        Assert.Equal(InstanceStatus.Completed, kit.State.Status);
        Assert.Equal("""[{"to":"roads"},{"to":"water"},{"to":"police"}]""", kit.State.Variables["notifyAllResults"]!.ToJsonString());
    }

    [Fact]
    public async Task InterruptingBoundaryOnMultiInstance_CancelsEveryInstance()
    {
        var model = ExecutorTestKit.Parse(CoHandling(sequential: false) + """
            <bpmn:boundaryEvent id="late" attachedToRef="coHandle"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="escalate" />
            <bpmn:userTask id="escalate" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, Departments);
        Assert.Single(kit.State.Bookmarks, b => b.NodeId == "late");

        var outcome = await kit.ResumeAsync(model, new FireTimer(kit.Bookmark("late").Id, Actor.System));

        Assert.Equal(["escalate"], kit.Waiting);
        Assert.Equal(3, outcome.RemovedBookmarks.Count(b => b.NodeId == "coHandle"));
        Assert.Single(kit.State.Executions);
    }
}
