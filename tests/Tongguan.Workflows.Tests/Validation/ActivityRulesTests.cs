using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Validation;
using static Tongguan.Workflows.Tests.Validation.ValidationAssert;

namespace Tongguan.Workflows.Tests.Validation;

public sealed class ActivityRulesTests
{
    /// <summary>A process whose only step is <paramref name="activity"/> with id "x".</summary>
    private static ValidationResult Step(string activity, string declarations = "") => Process(
        $"""
        <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
        {activity}
        <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
        """,
        declarations);

    [Fact]
    public void Validate_WarnsAboutUserTaskNobodyMayHandle()
    {
        var result = Step("""<userTask id="x" />""");

        Single(result, ValidationCodes.UserTaskWithoutAssignment, "x", ProblemSeverity.Warning);
        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("""tg:candidateGroups="officer" """)]
    [InlineData("""tg:candidateUsers="zhang.wei" """)]
    [InlineData("""tg:assignee="${reporter}" """)]
    public void Validate_AcceptsUserTask_WithAnyAssignmentSetting(string assignment)
    {
        Clean(Step($"""<userTask id="x" {assignment}/>"""));
    }

    [Fact]
    public void Validate_ReportsServiceTaskWithoutHandler()
    {
        var problem = Single(Step("""<serviceTask id="x" />"""), ValidationCodes.ServiceTaskWithoutHandler, "x");

        Assert.Equal("serviceTask", problem.ElementType);
        Assert.Contains("tg:handler", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsScriptTaskWithoutScript()
    {
        Single(Step("""<scriptTask id="x" scriptFormat="javascript" />"""), ValidationCodes.ScriptTaskWithoutScript, "x");
    }

    [Fact]
    public void Validate_ReportsSendTaskWithNeitherHandlerNorMessage()
    {
        Single(Step("""<sendTask id="x" />"""), ValidationCodes.SendTaskWithoutHandlerOrMessage, "x");
        Clean(Step("""<sendTask id="x" messageRef="m" />""", """<message id="m" name="Notice" />"""));
    }

    [Fact]
    public void Validate_ReportsReceiveTaskWithoutMessage_AndMessageWithEmptyName()
    {
        Single(Step("""<receiveTask id="x" />"""), ValidationCodes.MissingMessage, "x");
        var unnamed = Single(Step("""<receiveTask id="x" messageRef="m" />""", """<message id="m" name="" />"""), ValidationCodes.MissingMessage, "x");
        Assert.Contains("no name", unnamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DoesNotRepeatTheReadersDanglingMessageRef()
    {
        var result = Step("""<receiveTask id="x" messageRef="nowhere" />""");

        Assert.Contains(result.Problems, p => p.Code == BpmnProblemCodes.DanglingReference && p.ElementId == "x");
        None(result, ValidationCodes.MissingMessage);
    }

    [Fact]
    public void Validate_ReportsCallActivityWithoutCalledElement()
    {
        Single(Step("""<callActivity id="x" />"""), ValidationCodes.CallActivityWithoutCalledElement, "x");
        Clean(Step("""<callActivity id="x" calledElement="escalation" tg:version="2" />"""));
    }

    [Fact]
    public void Validate_ReportsMultiInstanceWithoutCollectionOrCardinality()
    {
        var result = Step("""
            <userTask id="x" tg:candidateGroups="officer"><multiInstanceLoopCharacteristics /></userTask>
            """);

        Single(result, ValidationCodes.MultiInstanceWithoutCardinality, "x");
    }

    [Fact]
    public void Validate_AcceptsMultiInstanceWithLoopCardinality_AndRejectsBadElementVariable()
    {
        Clean(Step("""
            <userTask id="x" tg:candidateGroups="officer"><multiInstanceLoopCharacteristics><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics></userTask>
            """));
        var result = Step("""
            <userTask id="x" tg:candidateGroups="officer"><multiInstanceLoopCharacteristics tg:collection="departments" tg:elementVariable="1st dept" /></userTask>
            """);
        Single(result, ValidationCodes.InvalidElementVariable, "x");
    }
}
