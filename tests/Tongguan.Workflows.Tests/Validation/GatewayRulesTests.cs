using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Validation;
using static Tongguan.Workflows.Tests.Validation.ValidationAssert;

namespace Tongguan.Workflows.Tests.Validation;

public sealed class GatewayRulesTests
{
    private static ValidationResult Decision(string gateway, string flows) => Process($"""
        <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="gw" />
        {gateway}
        {flows}
        <task id="a" /><sequenceFlow id="fa" sourceRef="a" targetRef="e" />
        <task id="b" /><sequenceFlow id="fb" sourceRef="b" targetRef="e" />
        <endEvent id="e" />
        """);

    [Theory]
    [InlineData("exclusiveGateway")]
    [InlineData("inclusiveGateway")]
    public void Validate_ReportsUnconditionalNonDefaultFlow_OutOfDecisionGateway(string kind)
    {
        var result = Decision($"""<{kind} id="gw" />""", """
            <sequenceFlow id="toA" sourceRef="gw" targetRef="a"><conditionExpression>amount &gt; 3</conditionExpression></sequenceFlow>
            <sequenceFlow id="toB" sourceRef="gw" targetRef="b" />
            """);

        Single(result, ValidationCodes.FlowWithoutCondition, "toB");
        var warning = Single(result, ValidationCodes.GatewayWithoutDefault, "gw", ProblemSeverity.Warning);
        Assert.Contains("Mark one flow as default", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsDecisionGateway_WithConditionsAndDefault()
    {
        var result = Decision("""<exclusiveGateway id="gw" default="toB" />""", """
            <sequenceFlow id="toA" sourceRef="gw" targetRef="a"><conditionExpression>amount &gt; 3</conditionExpression></sequenceFlow>
            <sequenceFlow id="toB" sourceRef="gw" targetRef="b" />
            """);

        Clean(result);
    }

    [Fact]
    public void Validate_WarnsOnlyAboutMissingDefault_WhenEveryFlowHasACondition()
    {
        var result = Decision("""<exclusiveGateway id="gw" />""", """
            <sequenceFlow id="toA" sourceRef="gw" targetRef="a"><conditionExpression>amount &gt; 3</conditionExpression></sequenceFlow>
            <sequenceFlow id="toB" sourceRef="gw" targetRef="b"><conditionExpression>amount &lt;= 3</conditionExpression></sequenceFlow>
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ValidationCodes.GatewayWithoutDefault, problem.Code);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_ReportsConditionOnDefaultFlow()
    {
        var result = Decision("""<exclusiveGateway id="gw" default="toB" />""", """
            <sequenceFlow id="toA" sourceRef="gw" targetRef="a"><conditionExpression>amount &gt; 3</conditionExpression></sequenceFlow>
            <sequenceFlow id="toB" sourceRef="gw" targetRef="b"><conditionExpression>amount &lt;= 3</conditionExpression></sequenceFlow>
            """);

        Single(result, ValidationCodes.ConditionOnDefaultFlow, "toB");
    }

    [Fact]
    public void Validate_ReportsConditionOutOfParallelGateway()
    {
        var result = Decision("""<parallelGateway id="gw" />""", """
            <sequenceFlow id="toA" sourceRef="gw" targetRef="a"><conditionExpression>urgent</conditionExpression></sequenceFlow>
            <sequenceFlow id="toB" sourceRef="gw" targetRef="b" />
            """);

        Single(result, ValidationCodes.ConditionIgnored, "toA");
        None(result, ValidationCodes.FlowWithoutCondition);
    }

    [Fact]
    public void Validate_ReportsEventGatewayTargetsThatDoNotWait_AndTooFewBranches()
    {
        var result = Decision("""<eventBasedGateway id="gw" />""", """
            <sequenceFlow id="toA" sourceRef="gw" targetRef="a" />
            """);

        Single(result, ValidationCodes.EventGatewayTarget, "toA");
        Single(result, ValidationCodes.EventGatewayTooFewFlows, "gw");
    }

    [Fact]
    public void Validate_AcceptsEventGateway_LeadingToReceiveTaskAndTimer()
    {
        var result = Process(
            """
            <startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="gw" />
            <eventBasedGateway id="gw" />
            <sequenceFlow id="f1" sourceRef="gw" targetRef="reply" /><sequenceFlow id="f2" sourceRef="gw" targetRef="late" />
            <receiveTask id="reply" messageRef="m" />
            <intermediateCatchEvent id="late"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f3" sourceRef="reply" targetRef="e" /><sequenceFlow id="f4" sourceRef="late" targetRef="e" /><endEvent id="e" />
            """,
            """<message id="m" name="Reply" />""");

        Clean(result);
    }
}
