using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Workflows.Tests.Parsing;

public sealed class BpmnReaderTests
{
    private const string Header =
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">""";

    private static BpmnDocument Read(string body) => BpmnReader.Read(Header + "\n" + body + "\n</definitions>", "test.bpmn");

    [Fact]
    public void Read_BuildsNodesFlowsAndTongguanSettings()
    {
        var document = Read("""
            <message id="m1" name="CitizenReply" />
            <error id="e1" errorCode="NOT_OURS" />
            <process id="handle" name="Handle" isExecutable="true">
              <startEvent id="start" />
              <sequenceFlow id="f1" sourceRef="start" targetRef="handleTask" />
              <userTask id="handleTask" name="Handle" tg:candidateGroups="officer, street-officer" tg:formKey="handle"
                        tg:timeLimit="P5D" tg:calendar="business" tg:warningShare="0.8" default="f3" />
              <boundaryEvent id="late" attachedToRef="handleTask" cancelActivity="false">
                <timerEventDefinition><timeDuration>PT4H</timeDuration></timerEventDefinition>
              </boundaryEvent>
              <sequenceFlow id="f2" sourceRef="handleTask" targetRef="gw"><conditionExpression>${ok == true}</conditionExpression></sequenceFlow>
              <sequenceFlow id="f3" sourceRef="handleTask" targetRef="wait" />
              <exclusiveGateway id="gw" default="f5" />
              <sequenceFlow id="f4" sourceRef="gw" targetRef="end"><conditionExpression>amount &gt; 3</conditionExpression></sequenceFlow>
              <sequenceFlow id="f5" sourceRef="gw" targetRef="end" />
              <receiveTask id="wait" messageRef="m1" />
              <sequenceFlow id="f6" sourceRef="wait" targetRef="end" />
              <sequenceFlow id="f7" sourceRef="late" targetRef="end" />
              <endEvent id="end" />
            </process>
            """);

        Assert.False(document.HasErrors, string.Join("\n", document.Problems));
        var process = Assert.Single(document.Processes);
        Assert.True(process.IsExecutable);
        var task = Assert.IsType<TaskNode>(process.GetNode("handleTask"));
        Assert.Equal(TaskKind.User, task.Kind);
        Assert.Equal(["officer", "street-officer"], task.CandidateGroups);
        Assert.Equal(new TimeLimit("P5D", CalendarKind.Business, 0.8), task.TimeLimit);
        Assert.Equal("f3", task.DefaultFlow?.Id);
        var boundary = Assert.Single(task.BoundaryEvents);
        Assert.False(boundary.CancelActivity);
        Assert.Equal(new TimerDefinition(TimerKind.Duration, "PT4H"), boundary.Timer);
        Assert.Equal("ok == true", process.Flows["f2"].ConditionExpression);
        Assert.Equal("amount > 3", process.Flows["f4"].ConditionExpression);
        Assert.Equal("f5", ((Gateway)process.GetNode("gw")).DefaultFlow?.Id);
        Assert.Equal("CitizenReply", ((TaskNode)process.GetNode("wait")).Message?.Name);
        Assert.Equal(7, process.Flows.Count);
        Assert.Equal(4, process.GetNode("end").Incoming.Count);
        Assert.Equal(7, process.GetNode("handleTask").Position.Line);
    }

    [Fact]
    public void Read_ReadsSubProcessScopesMultiInstanceAndCallActivities()
    {
        var document = Read("""
            <process id="p" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
              <subProcess id="sub">
                <startEvent id="s2" />
                <sequenceFlow id="f2" sourceRef="s2" targetRef="co" />
                <userTask id="co" tg:candidateGroups="dept">
                  <multiInstanceLoopCharacteristics isSequential="false" tg:collection="departments" tg:elementVariable="department">
                    <completionCondition>${nrOfCompletedInstances == nrOfInstances}</completionCondition>
                  </multiInstanceLoopCharacteristics>
                </userTask>
                <sequenceFlow id="f3" sourceRef="co" targetRef="e2" />
                <endEvent id="e2" />
              </subProcess>
              <sequenceFlow id="f4" sourceRef="sub" targetRef="call" />
              <callActivity id="call" calledElement="escalate" tg:version="2" />
              <sequenceFlow id="f5" sourceRef="call" targetRef="e" />
              <endEvent id="e"><terminateEventDefinition /></endEvent>
            </process>
            """);

        Assert.False(document.HasErrors, string.Join("\n", document.Problems));
        var process = document.Processes[0];
        var sub = Assert.IsType<SubProcess>(process.GetNode("sub"));
        Assert.Equal(["s2", "co", "e2"], sub.Content.Children.Select(n => n.Id));
        Assert.Same(sub, process.GetNode("co").Parent);
        Assert.Equal(new MultiInstance(false, "departments", "department", null, "nrOfCompletedInstances == nrOfInstances"),
            ((Activity)process.GetNode("co")).MultiInstance);
        var call = Assert.IsType<CallActivity>(process.GetNode("call"));
        Assert.Equal(("escalate", 2), (call.CalledElement, call.Version));
        Assert.Equal(EventTrigger.Terminate, ((EndEvent)process.GetNode("e")).Trigger);
    }

    [Fact]
    public void Read_ReportsUnsupportedElementsWithIdAndLine()
    {
        var document = Read("""
            <process id="p" isExecutable="true">
              <startEvent id="s" />
              <complexGateway id="cg" />
              <intermediateThrowEvent id="signal"><signalEventDefinition /></intermediateThrowEvent>
              <boundaryEvent id="comp" attachedToRef="s"><compensateEventDefinition /></boundaryEvent>
              <sequenceFlow id="f1" sourceRef="s" targetRef="cg" />
            </process>
            """);

        var errors = document.Problems.Where(p => p.IsError).ToList();
        Assert.Contains(errors, p => p is { ElementId: "cg", ElementType: "complexGateway", Code: BpmnProblemCodes.UnsupportedElement, Line: 4 });
        Assert.Contains(errors, p => p is { ElementId: "signal", Line: 5 });
        Assert.Contains(errors, p => p is { ElementId: "comp", Code: BpmnProblemCodes.UnsupportedEventDefinition });
        // The flow into the unsupported gateway is not reported a second time.
        Assert.DoesNotContain(errors, p => p.ElementId == "f1");
    }

    [Fact]
    public void Read_ReportsDanglingReferencesAndDuplicateIds()
    {
        var document = Read("""
            <process id="p" isExecutable="true">
              <startEvent id="s" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="nowhere" />
              <userTask id="s" />
              <receiveTask id="r" messageRef="missing" />
              <exclusiveGateway id="g" default="f9" />
            </process>
            """);

        Assert.Contains(document.Problems, p => p is { ElementId: "f1", Code: BpmnProblemCodes.DanglingReference });
        Assert.Contains(document.Problems, p => p is { ElementId: "s", Code: BpmnProblemCodes.DuplicateId, Line: 5 });
        Assert.Contains(document.Problems, p => p is { ElementId: "r", Code: BpmnProblemCodes.DanglingReference });
        Assert.Contains(document.Problems, p => p is { ElementId: "g", Code: BpmnProblemCodes.DanglingReference });
    }

    [Fact]
    public void Read_WarnsAboutOtherVendorsAttributes()
    {
        var document = Read("""
            <process id="p" isExecutable="true">
              <userTask id="t" camunda:assignee="demo" />
            </process>
            """);

        var warning = Assert.Single(document.Problems);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Contains("camunda:assignee", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<definitions", 1)]
    [InlineData("<notBpmn xmlns='urn:x' />", 1)]
    public void Read_ReportsMalformedOrForeignXmlWithoutThrowing(string xml, int line)
    {
        var document = BpmnReader.Read(xml);

        var problem = Assert.Single(document.Problems);
        Assert.True(problem.IsError);
        Assert.Equal(line, problem.Line);
        Assert.Empty(document.Processes);
    }

    [Fact]
    public void Read_RefusesDocumentTypeDeclarations()
    {
        var document = BpmnReader.Read("""<!DOCTYPE d [<!ENTITY x "y">]><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" />""");

        Assert.Equal(BpmnProblemCodes.MalformedXml, Assert.Single(document.Problems).Code);
    }

    [Theory]
    [InlineData("P5D", 5 * 24 * 60)]
    [InlineData("PT4H30M", 270)]
    [InlineData("P2W", 14 * 24 * 60)]
    public void Iso8601_ParsesDurations(string text, int minutes)
    {
        Assert.True(Iso8601.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("5 days")]
    [InlineData("-P1D")]
    [InlineData("PT0S")]
    [InlineData("")]
    public void Iso8601_RejectsBadDurations(string text) => Assert.False(Iso8601.TryParseDuration(text, out _));

    [Fact]
    public void Iso8601_ParsesCyclesAndDates()
    {
        Assert.True(Iso8601.TryParseCycle("R3/PT1H", out var repeats, out var interval));
        Assert.Equal((3, TimeSpan.FromHours(1)), (repeats!.Value, interval));
        Assert.True(Iso8601.TryParseCycle("R/PT10M", out repeats, out _));
        Assert.Null(repeats);
        Assert.False(Iso8601.TryParseCycle("0 0 * * *", out _, out _));
        Assert.True(Iso8601.TryParseDate("2026-05-01T09:00:00+08:00", out var date));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 1, 0, 0, TimeSpan.Zero), date);
    }

    [Fact]
    public void Read_ReportsTimersWithMoreThanOneForm()
    {
        var document = Read("""
            <process id="p" isExecutable="true">
              <intermediateCatchEvent id="wait">
                <timerEventDefinition><timeDuration>PT1H</timeDuration><timeDate>2026-01-01T00:00:00Z</timeDate></timerEventDefinition>
              </intermediateCatchEvent>
            </process>
            """);

        Assert.Contains(document.Problems, p => p is { ElementId: "wait", Code: BpmnProblemCodes.UnsupportedEventDefinition, Line: 4 });
    }
}
