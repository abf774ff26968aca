using Tongguan.Workflows.Validation;
using static Tongguan.Workflows.Tests.Validation.ValidationAssert;

namespace Tongguan.Workflows.Tests.Validation;

public sealed class EventRulesTests
{
    private static ValidationResult Wait(string timer) => Process($"""
        <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" />
        <intermediateCatchEvent id="t"><timerEventDefinition>{timer}</timerEventDefinition></intermediateCatchEvent>
        <sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />
        """);

    [Theory]
    [InlineData("<timeDuration>P2D</timeDuration>")]
    [InlineData("<timeDuration>PT4H30M</timeDuration>")]
    [InlineData("<timeDate>2026-05-01T09:00:00+08:00</timeDate>")]
    [InlineData("<timeCycle>R3/PT1H</timeCycle>")]
    public void Validate_AcceptsIso8601Timers(string timer)
    {
        Clean(Wait(timer));
    }

    [Theory]
    [InlineData("<timeDuration>2 days</timeDuration>", "timeDuration")]
    [InlineData("<timeDuration>PT0S</timeDuration>", "timeDuration")]
    [InlineData("<timeDate>tomorrow</timeDate>", "timeDate")]
    [InlineData("<timeCycle>every hour</timeCycle>", "timeCycle")]
    public void Validate_ReportsInvalidTimerValue(string timer, string form)
    {
        var problem = Single(Wait(timer), ValidationCodes.InvalidTimer, "t");

        Assert.Contains(form, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsTimerWithoutAnyForm()
    {
        Single(Wait(""), ValidationCodes.TimerWithoutDefinition, "t");
    }

    [Fact]
    public void Validate_ReportsNonInterruptingErrorBoundary()
    {
        var result = Process(
            """
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <serviceTask id="work" tg:handler="dispatch" /><sequenceFlow id="f2" sourceRef="work" targetRef="e" />
            <boundaryEvent id="failed" attachedToRef="work" cancelActivity="false"><errorEventDefinition errorRef="err" /></boundaryEvent>
            <sequenceFlow id="f3" sourceRef="failed" targetRef="e" /><endEvent id="e" />
            """,
            """<error id="err" errorCode="NOT_OURS" />""");

        Single(result, ValidationCodes.NonInterruptingErrorBoundary, "failed");
    }

    [Fact]
    public void Validate_ReportsBoundaryEventOutsideItsActivitysScope()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
            <subProcess id="sub">
              <startEvent id="is" /><sequenceFlow id="f2" sourceRef="is" targetRef="inner" />
              <serviceTask id="inner" tg:handler="h" /><sequenceFlow id="f3" sourceRef="inner" targetRef="ie" /><endEvent id="ie" />
            </subProcess>
            <boundaryEvent id="late" attachedToRef="inner"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f4" sourceRef="sub" targetRef="e" /><sequenceFlow id="f5" sourceRef="late" targetRef="e" /><endEvent id="e" />
            """);

        Single(result, ValidationCodes.BoundaryEventNotAttached, "late");
    }

    [Fact]
    public void Validate_ReportsErrorEndEventWithoutErrorCode()
    {
        var withoutRef = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="fail" />
            <endEvent id="fail"><errorEventDefinition /></endEvent>
            """);
        var withoutCode = Process(
            """
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="fail" />
            <endEvent id="fail"><errorEventDefinition errorRef="err" /></endEvent>
            """,
            """<error id="err" name="Not ours" />""");

        Single(withoutRef, ValidationCodes.ErrorEndWithoutCode, "fail");
        var problem = Single(withoutCode, ValidationCodes.ErrorEndWithoutCode, "fail");
        Assert.Contains("'err'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsMessageCatchEventWithoutMessage()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="reply" />
            <intermediateCatchEvent id="reply"><messageEventDefinition /></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="reply" targetRef="e" /><endEvent id="e" />
            """);

        Single(result, ValidationCodes.MissingMessage, "reply");
    }

    private static ValidationResult Alarm(string task, string timer = "") => Process($"""
        <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="handle" />
        {task}
        <boundaryEvent id="late" attachedToRef="handle" tg:deadline="due"><timerEventDefinition>{timer}</timerEventDefinition></boundaryEvent>
        <sequenceFlow id="f2" sourceRef="handle" targetRef="e" /><sequenceFlow id="f3" sourceRef="late" targetRef="e" /><endEvent id="e" />
        """);

    [Fact]
    public void Validate_AcceptsDeadlineAlarmWithoutTime_OnUserTaskWithTimeLimit()
    {
        Clean(Alarm("""<userTask id="handle" tg:candidateGroups="street" tg:timeLimit="P2D" />"""));
    }

    [Fact]
    public void Validate_ReportsDeadlineAlarmThatAlsoWritesATime()
    {
        var problem = Single(
            Alarm("""<userTask id="handle" tg:timeLimit="P2D" />""", "<timeDuration>PT4H</timeDuration>"),
            ValidationCodes.DeadlineTimerWithTime,
            "late");
        Assert.Contains("PT4H", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsDeadlineAlarmOnTaskWithoutTimeLimit_OrOnAnotherKindOfActivity()
    {
        Single(Alarm("""<userTask id="handle" />"""), ValidationCodes.DeadlineWithoutTimeLimit, "late");
        var onScript = Single(
            Alarm("""<scriptTask id="handle" scriptFormat="javascript" tg:timeLimit="P2D"><script>1</script></scriptTask>"""),
            ValidationCodes.DeadlineWithoutTimeLimit,
            "late");
        Assert.Contains("only user tasks", onScript.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsUnknownDeadlineMoment()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="handle" />
            <userTask id="handle" tg:timeLimit="P2D" />
            <boundaryEvent id="late" attachedToRef="handle" tg:deadline="overdue"><timerEventDefinition /></boundaryEvent>
            <sequenceFlow id="f2" sourceRef="handle" targetRef="e" /><sequenceFlow id="f3" sourceRef="late" targetRef="e" /><endEvent id="e" />
            """);

        Assert.Contains(result.Problems, p => p.Code == ValidationCodes.InvalidExtensionValue && p.ElementId == "late");
    }
}
