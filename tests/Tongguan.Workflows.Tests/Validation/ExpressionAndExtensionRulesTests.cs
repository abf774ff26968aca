using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Validation;
using static Tongguan.Workflows.Tests.Validation.ValidationAssert;

namespace Tongguan.Workflows.Tests.Validation;

public sealed class ExpressionAndExtensionRulesTests
{
    private static ValidationResult Step(string activity, string declarations = "") => Process(
        $"""
        <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
        {activity}
        <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
        """,
        declarations);

    [Fact]
    public void Validate_ReportsConditionThatIsNotJavaScript_WithThePosition()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
            <exclusiveGateway id="gw" default="ok" />
            <sequenceFlow id="bad" sourceRef="gw" targetRef="e"><conditionExpression>${amount &gt; &gt; 3}</conditionExpression></sequenceFlow>
            <sequenceFlow id="ok" sourceRef="gw" targetRef="e" /><endEvent id="e" />
            """);

        var problem = Single(result, ValidationCodes.ExpressionSyntax, "bad");
        Assert.Contains("column", problem.Message, StringComparison.Ordinal);
        Assert.Contains("amount > > 3", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<scriptTask id="x"><script>let total = ;</script></scriptTask>""")]
    [InlineData("""<userTask id="x" tg:assignee="${reporter.}" />""")]
    [InlineData("""<receiveTask id="x" messageRef="m" tg:correlationKey="caseId +" />""")]
    [InlineData("""<sendTask id="x" messageRef="m" tg:payload="({ rating: })" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="o"><multiInstanceLoopCharacteristics tg:collection="departments["/></userTask>""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="o"><multiInstanceLoopCharacteristics><loopCardinality>3 *</loopCardinality></multiInstanceLoopCharacteristics></userTask>""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="o"><multiInstanceLoopCharacteristics tg:collection="d"><completionCondition>nrOfCompletedInstances &gt;=</completionCondition></multiInstanceLoopCharacteristics></userTask>""")]
    public void Validate_ReportsEveryKindOfExpressionThatDoesNotParse(string activity)
    {
        Single(Step(activity, """<message id="m" name="Reply" />"""), ValidationCodes.ExpressionSyntax, "x");
    }

    [Theory]
    [InlineData("""<scriptTask id="x"><script>var total = amount * 2; total &gt; 10;</script></scriptTask>""")]
    [InlineData("""<userTask id="x" tg:assignee="zhang.wei" />""")]
    [InlineData("""<userTask id="x" tg:assignee="#{reporter.manager}" />""")]
    [InlineData("""<receiveTask id="x" messageRef="m" tg:correlationKey="caseId" />""")]
    [InlineData("""<sendTask id="x" messageRef="m" tg:correlationKey="caseId" tg:payload="({ rating: score })" />""")]
    public void Validate_AcceptsValidJavaScriptAndLiteralAssignees(string activity)
    {
        Clean(Step(activity, """<message id="m" name="Reply" />"""));
    }

    [Fact]
    public void Validate_ReportsUnknownTongguanAttribute_SuggestingTheClosestKnownOne()
    {
        var problem = Single(Step("""<userTask id="x" tg:candidateGroup="officer" />"""), ValidationCodes.UnknownExtensionAttribute, "x");

        Assert.Contains("did you mean tg:candidateGroups?", problem.Message, StringComparison.Ordinal);
        Assert.Contains("timeLimit", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<userTask id="x" tg:candidateGroups="o" tg:timeLimit="5 days" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="o" tg:timeLimit="P5D" tg:calendar="weekdays" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="o" tg:timeLimit="P5D" tg:warningShare="1.5" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="o" tg:timeLimit="P5D" tg:warningShare="0" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="o" tg:timeLimit="P1M" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="o" tg:timeLimit="P1Y" tg:calendar="natural" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="o" tg:timeLimit="P2W" />""")]
    [InlineData("""<serviceTask id="x" tg:handler="h" tg:retries="-1" />""")]
    [InlineData("""<serviceTask id="x" tg:handler="h" tg:async="yes" />""")]
    [InlineData("""<callActivity id="x" calledElement="c" tg:version="0" />""")]
    [InlineData("""<callActivity id="x" calledElement="c" tg:version="latest" />""")]
    public void Validate_ReportsInvalidTongguanAttributeValues(string activity)
    {
        Single(Step(activity), ValidationCodes.InvalidExtensionValue, "x");
    }

    [Fact]
    public void Validate_AcceptsWellFormedTongguanAttributeValues()
    {
        Clean(Step("""<serviceTask id="x" tg:handler="h" tg:async="true" tg:retries="0" tg:timeLimit="PT4H" tg:calendar="natural" tg:warningShare="0.75" tg:resultVariable="result" />"""));
        Clean(Step("""<userTask id="x" tg:candidateGroups="o" tg:timeLimit="P2W" tg:calendar="natural" />"""));
        Clean(Step("""<userTask id="x" tg:candidateGroups="o" tg:timeLimit="P1DT30M" />"""));
    }

    [Fact]
    public void Validate_WarnsAboutTongguanAttributesWithoutEffect()
    {
        var misplaced = Step("""<userTask id="x" tg:candidateGroups="o" tg:handler="dispatch" />""");
        var withoutLimit = Step("""<userTask id="x" tg:candidateGroups="o" tg:calendar="natural" />""");

        Single(misplaced, ValidationCodes.MisplacedExtensionAttribute, "x", ProblemSeverity.Warning);
        Single(withoutLimit, ValidationCodes.MisplacedExtensionAttribute, "x", ProblemSeverity.Warning);
        Assert.True(misplaced.IsValid);
    }

    [Theory]
    [InlineData("${a > 1}", "a > 1")]
    [InlineData("  #{ok} ", "ok")]
    [InlineData("a > 1", "a > 1")]
    public void Unwrap_RemovesExpressionWrapper(string text, string expected)
    {
        Assert.Equal(expected, JavaScriptSyntax.Unwrap(text));
    }
}
