using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Validation;
using static Tongguan.Workflows.Tests.Validation.ValidationAssert;

namespace Tongguan.Workflows.Tests.Validation;

public sealed class StructureRulesTests
{
    [Fact]
    public void ValidateXml_ReportsNothing_ForACompleteClosedLoopProcess()
    {
        var result = Definitions("""
            <message id="m1" name="CitizenReply" />
            <error id="e1" errorCode="NOT_OURS" />
            <process id="handle" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="dispatch" />
              <serviceTask id="dispatch" tg:handler="dispatch" tg:async="true" tg:retries="5" />
              <sequenceFlow id="f2" sourceRef="dispatch" targetRef="handleTask" />
              <userTask id="handleTask" tg:candidateGroups="officer" tg:timeLimit="P5D" tg:calendar="business" tg:warningShare="0.8">
                <multiInstanceLoopCharacteristics tg:collection="departments" tg:elementVariable="department">
                  <completionCondition>${nrOfCompletedInstances &gt;= 2}</completionCondition>
                </multiInstanceLoopCharacteristics>
              </userTask>
              <boundaryEvent id="notOurs" attachedToRef="handleTask"><errorEventDefinition errorRef="e1" /></boundaryEvent>
              <sequenceFlow id="f3" sourceRef="notOurs" targetRef="end" />
              <sequenceFlow id="f4" sourceRef="handleTask" targetRef="gw" />
              <exclusiveGateway id="gw" default="f6" />
              <sequenceFlow id="f5" sourceRef="gw" targetRef="wait"><conditionExpression>${needsReply}</conditionExpression></sequenceFlow>
              <sequenceFlow id="f6" sourceRef="gw" targetRef="end" />
              <eventBasedGateway id="wait" />
              <sequenceFlow id="f7" sourceRef="wait" targetRef="reply" />
              <sequenceFlow id="f8" sourceRef="wait" targetRef="timeout" />
              <intermediateCatchEvent id="reply"><messageEventDefinition messageRef="m1" /></intermediateCatchEvent>
              <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></intermediateCatchEvent>
              <sequenceFlow id="f9" sourceRef="reply" targetRef="end" />
              <sequenceFlow id="f10" sourceRef="timeout" targetRef="end" />
              <endEvent id="end" />
            </process>
            """);

        Clean(result);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_ReportsNoExecutableProcess_WhenEveryProcessIsDocumentation()
    {
        var result = Definitions("""
            <process id="citizen" isExecutable="false">
              <startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="e" /><endEvent id="e" />
            </process>
            """);

        Single(result, ValidationCodes.NoExecutableProcess, "citizen");
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Validate_SkipsNonExecutableProcesses_WhenAnotherProcessIsExecutable()
    {
        var result = Definitions("""
            <process id="citizen" isExecutable="false"><task id="orphan" /></process>
            <process id="handle" isExecutable="true">
              <startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="e" /><endEvent id="e" />
            </process>
            """);

        Clean(result);
    }

    [Fact]
    public void ValidateXml_ReportsOnlyTheXmlError_WhenTheFileIsMalformed()
    {
        var result = BpmnValidator.ValidateXml("<definitions><process>", "broken.bpmn");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(BpmnProblemCodes.MalformedXml, problem.Code);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Validate_ReportsMissingStartEvent_ForProcessAndSubProcess()
    {
        var result = Process("""
            <task id="a" /><sequenceFlow id="f1" sourceRef="a" targetRef="sub" />
            <subProcess id="sub"><task id="inner" /><sequenceFlow id="f2" sourceRef="inner" targetRef="innerEnd" /><endEvent id="innerEnd" /></subProcess>
            <sequenceFlow id="f3" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """);

        Single(result, ValidationCodes.MissingStartEvent, "p");
        Single(result, ValidationCodes.MissingStartEvent, "sub");
    }

    [Fact]
    public void Validate_ReportsSecondNoneStartEvent_ButAllowsTimerAndMessageStarts()
    {
        var result = Process("""
            <startEvent id="s1" /><startEvent id="s2" />
            <startEvent id="daily"><timerEventDefinition><timeCycle>R/P1D</timeCycle></timerEventDefinition></startEvent>
            <sequenceFlow id="f1" sourceRef="s1" targetRef="e" /><sequenceFlow id="f2" sourceRef="s2" targetRef="e" />
            <sequenceFlow id="f3" sourceRef="daily" targetRef="e" /><endEvent id="e" />
            """);

        var problem = Single(result, ValidationCodes.MultipleNoneStartEvents, "s2");
        Assert.Contains("'s1'", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Problems, p => p.ElementId == "daily");
    }

    [Fact]
    public void Validate_ReportsTriggeredStartEventInsideSubProcess()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <subProcess id="sub">
              <startEvent id="innerStart"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></startEvent>
              <sequenceFlow id="f2" sourceRef="innerStart" targetRef="innerEnd" /><endEvent id="innerEnd" />
            </subProcess>
            <sequenceFlow id="f3" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """);

        Single(result, ValidationCodes.SubProcessStartEventTrigger, "innerStart");
    }

    [Fact]
    public void Validate_ReportsFlowCrossingIntoSubProcess()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <sequenceFlow id="jump" sourceRef="s" targetRef="inner" />
            <subProcess id="sub">
              <startEvent id="innerStart" /><sequenceFlow id="f2" sourceRef="innerStart" targetRef="inner" />
              <task id="inner" /><sequenceFlow id="f3" sourceRef="inner" targetRef="innerEnd" /><endEvent id="innerEnd" />
            </subProcess>
            <sequenceFlow id="f4" sourceRef="sub" targetRef="e" /><endEvent id="e" />
            """);

        var problem = Single(result, ValidationCodes.FlowCrossesScope, "jump");
        Assert.Equal("sequenceFlow", problem.ElementType);
    }

    [Fact]
    public void Validate_ReportsFlowsIntoStartAndOutOfEndEvents()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="e" />
            <endEvent id="e" /><sequenceFlow id="back" sourceRef="e" targetRef="s" />
            """);

        Single(result, ValidationCodes.FlowIntoStartEvent, "back");
        Single(result, ValidationCodes.FlowOutOfEndEvent, "back");
    }

    [Fact]
    public void Validate_ReportsNodesWithoutIncomingOrOutgoingFlows()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="deadEnd" />
            <task id="deadEnd" />
            <task id="floating" /><sequenceFlow id="f2" sourceRef="floating" targetRef="e" /><endEvent id="e" />
            """);

        var noOutgoing = Single(result, ValidationCodes.NoOutgoingFlow, "deadEnd");
        Assert.Equal("task", noOutgoing.ElementType);
        Single(result, ValidationCodes.NoIncomingFlow, "floating");
        Assert.Equal(5, noOutgoing.Line); // header, declarations, <process>, start event, then the task
    }

    [Fact]
    public void Validate_WarnsAboutUnreachableLoop_ButNotAboutNodesAfterAnAlreadyReportedOne()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="e" /><endEvent id="e" />
            <task id="loopA" /><sequenceFlow id="f2" sourceRef="loopA" targetRef="loopB" />
            <task id="loopB" /><sequenceFlow id="f3" sourceRef="loopB" targetRef="loopA" />
            <task id="orphan" /><sequenceFlow id="f4" sourceRef="orphan" targetRef="afterOrphan" />
            <task id="afterOrphan" /><sequenceFlow id="f5" sourceRef="afterOrphan" targetRef="e" />
            """);

        Single(result, ValidationCodes.UnreachableNode, "loopA", ProblemSeverity.Warning);
        Single(result, ValidationCodes.UnreachableNode, "loopB", ProblemSeverity.Warning);
        Single(result, ValidationCodes.NoIncomingFlow, "orphan");
        Assert.DoesNotContain(result.Problems, p => p.ElementId == "afterOrphan");
    }

    [Fact]
    public void ValidateXml_SortsProblemsByLine()
    {
        var result = Process("""
            <startEvent id="s" />
            <task id="a" />
            <task id="b" />
            """);

        Assert.True(result.Problems.Count >= 3);
        Assert.Equal(result.Problems.OrderBy(p => p.Line).ThenBy(p => p.Column), result.Problems);
    }
}
