using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class MigrationTests
{
    private static readonly Dictionary<string, string> NoMapping = [];

    private const string V1 = """
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
        <bpmn:userTask id="handle" tg:candidateGroups="officer" />
        <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
        <bpmn:endEvent id="end" />
        """;

    [Fact]
    public async Task Migrate_RemapsTokensAndTasks_AndArmsTargetBoundaries()
    {
        var from = ExecutorTestKit.Parse(V1);
        var to = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handleCase" />
            <bpmn:userTask id="handleCase" name="Handle" tg:candidateGroups="street-officer" />
            <bpmn:boundaryEvent id="late" attachedToRef="handleCase" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT8H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="handleCase" targetRef="end" />
            <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="remind" />
            <bpmn:userTask id="remind" />
            <bpmn:endEvent id="end" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from);
        var enteredAt = kit.Time.GetUtcNow();
        kit.Time.Advance(TimeSpan.FromHours(3));
        var mapping = new Dictionary<string, string> { ["handle"] = "handleCase" };

        Assert.Empty(kit.Executor.CheckMigration(from, to, kit.State, mapping));
        var outcome = kit.Executor.Migrate(from, to, kit.State, mapping, new Actor("admin"));

        var task = kit.Bookmark("handleCase");
        Assert.Equal(["street-officer"], task.CandidateGroups);
        Assert.Equal("Handle", task.TaskName);
        Assert.Contains(kit.State.Executions, e => e.NodeId == "handleCase");
        var timer = kit.Bookmark("late");
        Assert.Equal(enteredAt.AddHours(8), timer.DueAt);
        Assert.Contains(timer, outcome.AddedBookmarks);
        Assert.Contains(outcome.Journal, j => j is { EventType: JournalEventType.InstanceMigrated, ActorId: "admin" });

        await kit.CompleteTaskAsync(to, "handleCase");
        Assert.Equal(InstanceStatus.Completed, kit.State.Status);
    }

    [Fact]
    public async Task Migration_IsRefused_WhenNodeIsMissingInTarget()
    {
        var from = ExecutorTestKit.Parse(V1);
        var to = ExecutorTestKit.Parse(V1.Replace("\"handle\"", "\"other\"", StringComparison.Ordinal));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from);

        var error = Assert.Throws<MigrationRefusedException>(() => kit.Executor.Migrate(from, to, kit.State, NoMapping, Actor.System));

        Assert.Contains(error.Reasons, r => r.Contains("userTask 'handle'", StringComparison.Ordinal) && r.Contains("no node 'handle'", StringComparison.Ordinal));
        Assert.Equal("handle", kit.State.Executions[0].NodeId);
    }

    [Fact]
    public async Task Migration_IsRefused_WhenTargetIsDifferentElementType()
    {
        var from = ExecutorTestKit.Parse(V1);
        var to = ExecutorTestKit.Parse(V1.Replace("<bpmn:userTask id=\"handle\" tg:candidateGroups=\"officer\" />", "<bpmn:receiveTask id=\"handle\" />", StringComparison.Ordinal));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from);

        var reasons = kit.Executor.CheckMigration(from, to, kit.State, NoMapping);

        Assert.Contains(reasons, r => r.Contains("receiveTask 'handle'", StringComparison.Ordinal) && r.Contains("different kind", StringComparison.Ordinal));
    }

    private const string WithSub = """
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="subStart" />
          <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="inner" />
          <bpmn:userTask id="inner" />
        </bpmn:subProcess>
        <bpmn:userTask id="outer" />
        """;

    [Fact]
    public async Task Migration_IsRefused_WhenTokenInSubProcessMapsOutOfIt()
    {
        var from = ExecutorTestKit.Parse(WithSub);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from);

        var reasons = kit.Executor.CheckMigration(from, from, kit.State, new Dictionary<string, string> { ["inner"] = "outer" });

        Assert.Contains(reasons, r => r.Contains("sub-process 'sub'", StringComparison.Ordinal) && r.Contains("userTask 'outer'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migration_IsRefused_WhenMultiInstanceTargetIsNotMultiInstance()
    {
        var from = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="coHandle" />
            <bpmn:userTask id="coHandle"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
            """);
        var to = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="coHandle" />
            <bpmn:userTask id="coHandle" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from);

        var reasons = kit.Executor.CheckMigration(from, to, kit.State, NoMapping);

        Assert.Contains(reasons, r => r.Contains("multi-instance", StringComparison.Ordinal) && r.Contains("coHandle", StringComparison.Ordinal));
    }

    private static string Join(string secondFlow) => $"""
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
        <bpmn:parallelGateway id="fork" />
        <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a" />
        <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="b" />
        <bpmn:userTask id="a" />
        <bpmn:userTask id="b" />
        <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="join" />
        <bpmn:sequenceFlow id="{secondFlow}" sourceRef="b" targetRef="join" />
        <bpmn:parallelGateway id="join" />
        """;

    [Fact]
    public async Task Migration_IsRefused_WhenPartiallyArrivedJoinHasDifferentIncomingFlows()
    {
        var from = ExecutorTestKit.Parse(Join("f5"));
        var to = ExecutorTestKit.Parse(Join("f5b"));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from);
        await kit.CompleteTaskAsync(from, "a");

        var reasons = kit.Executor.CheckMigration(from, to, kit.State, NoMapping);

        var reason = Assert.Single(reasons);
        Assert.Contains("Join parallelGateway 'join'", reason, StringComparison.Ordinal);
        Assert.Contains("f5b", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration_IsRefused_WhenInstanceEnded()
    {
        var from = ExecutorTestKit.Parse(V1);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from);
        kit.Executor.Cancel(from, kit.State, Actor.System, null);

        var reasons = kit.Executor.CheckMigration(from, from, kit.State, NoMapping);

        Assert.Contains("only running instances", Assert.Single(reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration_IsRefused_WhenPlainTokenWouldLandOnMultiInstance()
    {
        var from = ExecutorTestKit.Parse(V1);
        ProcessModel to = ExecutorTestKit.Parse(V1.Replace("tg:candidateGroups=\"officer\" />",
            "><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>", StringComparison.Ordinal));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from);

        var reasons = kit.Executor.CheckMigration(from, to, kit.State, NoMapping);

        Assert.Contains(reasons, r => r.Contains("runs once", StringComparison.Ordinal));
    }
}
