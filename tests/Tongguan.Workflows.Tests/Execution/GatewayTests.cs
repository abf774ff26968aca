using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class GatewayTests
{
    private const string Exclusive = """
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
        <bpmn:exclusiveGateway id="gw" default="toLow" />
        <bpmn:sequenceFlow id="toBig" sourceRef="gw" targetRef="big"><bpmn:conditionExpression>${amount &gt; 100}</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toMid" sourceRef="gw" targetRef="mid"><bpmn:conditionExpression>amount &gt; 10</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toLow" sourceRef="gw" targetRef="low" />
        <bpmn:userTask id="big" />
        <bpmn:userTask id="mid" />
        <bpmn:userTask id="low" />
        """;

    [Theory]
    [InlineData(500, "big")]
    [InlineData(50, "mid")]
    [InlineData(5, "low")]
    public async Task ExclusiveGateway_TakesFirstTrueConditionInDocumentOrder_ElseDefault(int amount, string expected)
    {
        var model = ExecutorTestKit.Parse(Exclusive);
        var kit = new ExecutorTestKit();

        await kit.StartAsync(model, ExecutorTestKit.Vars($$"""{"amount":{{amount}}}"""));

        Assert.Equal([expected], kit.Waiting);
    }

    [Fact]
    public async Task ExclusiveGateway_Throws_WhenNothingMatchesAndNoDefault()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
            <bpmn:exclusiveGateway id="gw" />
            <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="a"><bpmn:conditionExpression>ok</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:userTask id="a" />
            """);
        var kit = new ExecutorTestKit();

        var error = await Assert.ThrowsAsync<WorkflowException>(() => kit.StartAsync(model, ExecutorTestKit.Vars("""{"ok":false}""")));

        Assert.Contains("gw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Condition_ThrowsExpressionException_NamingTheFlow_WhenVariableIsMissing()
    {
        var model = ExecutorTestKit.Parse(Exclusive);
        var kit = new ExecutorTestKit();

        var error = await Assert.ThrowsAsync<ExpressionException>(() => kit.StartAsync(model));

        Assert.Equal("toBig", error.NodeId);
        Assert.Equal("amount > 100", error.Expression);
    }

    [Fact]
    public async Task ParallelGateway_ForksAndJoinsWhenEveryIncomingFlowArrived()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a" />
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="b" />
            <bpmn:userTask id="a" />
            <bpmn:userTask id="b" />
            <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="join" />
            <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join" />
            <bpmn:parallelGateway id="join" />
            <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="after" />
            <bpmn:userTask id="after" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        Assert.Equal(["a", "b"], kit.Waiting);

        await kit.CompleteTaskAsync(model, "a");
        Assert.Equal(["b"], kit.Waiting);
        Assert.Contains(kit.State.Executions, e => e is { Kind: ExecutionKind.Joining, NodeId: "join", ArrivedVia: "f4" });

        await kit.CompleteTaskAsync(model, "b");
        Assert.Equal(["after"], kit.Waiting);
        Assert.Single(kit.State.Executions);
    }

    private const string Inclusive = """
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
        <bpmn:inclusiveGateway id="split" default="toC" />
        <bpmn:sequenceFlow id="toA" sourceRef="split" targetRef="a"><bpmn:conditionExpression>needsA</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toB" sourceRef="split" targetRef="b"><bpmn:conditionExpression>needsB</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toC" sourceRef="split" targetRef="c" />
        <bpmn:userTask id="a" />
        <bpmn:userTask id="b" />
        <bpmn:userTask id="c" />
        <bpmn:sequenceFlow id="fa" sourceRef="a" targetRef="join" />
        <bpmn:sequenceFlow id="fb" sourceRef="b" targetRef="join" />
        <bpmn:sequenceFlow id="fc" sourceRef="c" targetRef="join" />
        <bpmn:inclusiveGateway id="join" />
        <bpmn:sequenceFlow id="f9" sourceRef="join" targetRef="after" />
        <bpmn:userTask id="after" />
        """;

    [Fact]
    public async Task InclusiveGateway_TakesEveryTrueFlow_AndJoinWaitsOnlyForLiveBranches()
    {
        var model = ExecutorTestKit.Parse(Inclusive);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"needsA":true,"needsB":true}"""));
        Assert.Equal(["a", "b"], kit.Waiting);

        await kit.CompleteTaskAsync(model, "a");
        Assert.Equal(["b"], kit.Waiting);

        await kit.CompleteTaskAsync(model, "b");
        Assert.Equal(["after"], kit.Waiting);
        Assert.Single(kit.State.Executions);
    }

    [Fact]
    public async Task InclusiveJoin_FiresAtOnce_WhenSkippedBranchCannotArrive()
    {
        var model = ExecutorTestKit.Parse(Inclusive);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"needsA":true,"needsB":false}"""));
        Assert.Equal(["a"], kit.Waiting);

        await kit.CompleteTaskAsync(model, "a");

        Assert.Equal(["after"], kit.Waiting);
    }

    [Fact]
    public async Task InclusiveGateway_TakesDefault_WhenNoConditionHolds()
    {
        var model = ExecutorTestKit.Parse(Inclusive);
        var kit = new ExecutorTestKit();

        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"needsA":false,"needsB":false}"""));

        Assert.Equal(["c"], kit.Waiting);
    }

    [Fact]
    public async Task InclusiveJoin_Waits_WhileTokenUpstreamCanStillReachIt()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="join" />
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="slow" />
            <bpmn:userTask id="slow" />
            <bpmn:sequenceFlow id="f4" sourceRef="slow" targetRef="check" />
            <bpmn:exclusiveGateway id="check" default="f6" />
            <bpmn:sequenceFlow id="f5" sourceRef="check" targetRef="join"><bpmn:conditionExpression>merge</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f6" sourceRef="check" targetRef="elsewhere" />
            <bpmn:endEvent id="elsewhere" />
            <bpmn:inclusiveGateway id="join" />
            <bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="after" />
            <bpmn:userTask id="after" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"merge":false}"""));
        Assert.Equal(["slow"], kit.Waiting);

        await kit.CompleteTaskAsync(model, "slow");

        Assert.Equal(["after"], kit.Waiting);
    }

    [Fact]
    public async Task ConditionalFlowsOutOfActivity_TakeTrueOnes_ElseDefault()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" default="toDefault" />
            <bpmn:sequenceFlow id="toRework" sourceRef="review" targetRef="rework"><bpmn:conditionExpression>!passed</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="toNotify" sourceRef="review" targetRef="notify"><bpmn:conditionExpression>!passed &amp;&amp; urgent</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="toDefault" sourceRef="review" targetRef="close" />
            <bpmn:userTask id="rework" />
            <bpmn:userTask id="notify" />
            <bpmn:userTask id="close" />
            """);
        var failing = new ExecutorTestKit();
        await failing.StartAsync(model, ExecutorTestKit.Vars("""{"urgent":true}"""));
        await failing.CompleteTaskAsync(model, "review", ExecutorTestKit.Vars("""{"passed":false}"""));
        var passing = new ExecutorTestKit();
        await passing.StartAsync(model, ExecutorTestKit.Vars("""{"urgent":true}"""));
        await passing.CompleteTaskAsync(model, "review", ExecutorTestKit.Vars("""{"passed":true}"""));

        Assert.Equal(["notify", "rework"], failing.Waiting);
        Assert.Equal(["close"], passing.Waiting);
    }

    [Fact]
    public async Task EventBasedGateway_ArmsAllCatches_AndFirstToFireRemovesTheOthers()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="race" />
            <bpmn:eventBasedGateway id="race" />
            <bpmn:sequenceFlow id="f2" sourceRef="race" targetRef="replied" />
            <bpmn:sequenceFlow id="f3" sourceRef="race" targetRef="timeout" />
            <bpmn:sequenceFlow id="f4" sourceRef="race" targetRef="visit" />
            <bpmn:intermediateCatchEvent id="replied"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:receiveTask id="visit" messageRef="m2" />
            <bpmn:sequenceFlow id="f5" sourceRef="replied" targetRef="thank" />
            <bpmn:sequenceFlow id="f6" sourceRef="timeout" targetRef="remind" />
            <bpmn:sequenceFlow id="f7" sourceRef="visit" targetRef="remind" />
            <bpmn:userTask id="thank" />
            <bpmn:userTask id="remind" />
            """, """
            <bpmn:message id="m1" name="Reply" />
            <bpmn:message id="m2" name="Visit" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        Assert.Equal(["replied", "timeout", "visit"], kit.Waiting);
        Assert.Single(kit.State.Bookmarks.Select(b => b.Group).Distinct());
        var timer = kit.Bookmark("timeout");

        var outcome = await kit.ResumeAsync(model, new FireTimer(timer.Id, Actor.System));

        Assert.Equal(["remind"], kit.Waiting);
        Assert.Equal(3, outcome.RemovedBookmarks.Count);
        Assert.Contains(outcome.Journal, j => j is { EventType: JournalEventType.TimerFired, NodeId: "timeout" });
    }
}
