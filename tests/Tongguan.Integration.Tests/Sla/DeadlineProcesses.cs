namespace Tongguan.Integration.Tests.Sla;

/// <summary>Small BPMN processes with time limits; each takes its key so tests never share versions.</summary>
internal static class DeadlineProcesses
{
    private const string Open =
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="defs" targetNamespace="https://tongguan.dev/tests">""";

    private const string Close = "</definitions>";

    public static string NewKey(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>start → user task <c>handle</c> limited to <paramref name="limit"/> business time → user task <c>verify</c> (no limit) → end.</summary>
    public static string LimitedThenUnlimited(string key, string limit = "P2D") => $"""
        {Open}
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <userTask id="handle" name="Handle" tg:candidateGroups="street" tg:timeLimit="{limit}" />
            <sequenceFlow id="f2" sourceRef="handle" targetRef="verify" />
            <userTask id="verify" name="Verify" tg:candidateGroups="street" />
            <sequenceFlow id="f3" sourceRef="verify" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>The same shape as <see cref="LimitedThenUnlimited"/> with no time limit at all.</summary>
    public static string Unlimited(string key) => LimitedThenUnlimited(key).Replace(" tg:timeLimit=\"P2D\"", "", StringComparison.Ordinal);

    /// <summary>
    /// start → user task <c>handle</c> (P2D business) with a non-interrupting <c>tg:deadline="warning"</c> timer leading
    /// to user task <c>remind</c>, and an interrupting <c>tg:deadline="due"</c> timer leading to user task
    /// <c>escalate</c>; <c>handle</c> → end, <c>escalate</c> → end, <c>remind</c> → end.
    /// </summary>
    public static string WithAlarms(string key) => $"""
        {Open}
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <userTask id="handle" name="Handle" tg:candidateGroups="street" tg:timeLimit="P2D" />
            <boundaryEvent id="yellow" attachedToRef="handle" cancelActivity="false" tg:deadline="warning"><timerEventDefinition /></boundaryEvent>
            <boundaryEvent id="red" attachedToRef="handle" tg:deadline="due"><timerEventDefinition /></boundaryEvent>
            <sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
            <sequenceFlow id="f3" sourceRef="yellow" targetRef="remind" />
            <userTask id="remind" name="Remind the officer" tg:candidateGroups="street" />
            <sequenceFlow id="f4" sourceRef="remind" targetRef="end2" />
            <sequenceFlow id="f5" sourceRef="red" targetRef="escalate" />
            <userTask id="escalate" name="Escalate to the district" tg:candidateGroups="district" />
            <sequenceFlow id="f6" sourceRef="escalate" targetRef="end3" />
            <endEvent id="end" />
            <endEvent id="end2" />
            <endEvent id="end3" />
          </process>
        {Close}
        """;

    /// <summary>
    /// start → parallel: user task <c>handle</c> (P2D) and a call activity of <paramref name="childKey"/>; both in the
    /// start's one step, so the deadline is staged before the child runs.
    /// </summary>
    public static string LimitedBesideChild(string key, string childKey) => $"""
        {Open}
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
            <parallelGateway id="fork" />
            <sequenceFlow id="f2" sourceRef="fork" targetRef="handle" />
            <sequenceFlow id="f3" sourceRef="fork" targetRef="call" />
            <userTask id="handle" name="Handle" tg:candidateGroups="street" tg:timeLimit="P2D" />
            <callActivity id="call" name="Notify" calledElement="{childKey}" />
            <sequenceFlow id="f4" sourceRef="handle" targetRef="join" />
            <sequenceFlow id="f5" sourceRef="call" targetRef="join" />
            <parallelGateway id="join" />
            <sequenceFlow id="f6" sourceRef="join" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>start → synchronous service task (handler <c>test</c>) → end.</summary>
    public static string SyncService(string key) => $"""
        {Open}
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="notify" />
            <serviceTask id="notify" name="Notify" tg:handler="test" />
            <sequenceFlow id="f2" sourceRef="notify" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>start → user task <c>handle</c> (PT8H natural) with an interrupting PT1H timer boundary → <c>escalate</c> user task.</summary>
    public static string InterruptedByTimer(string key) => $"""
        {Open}
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <userTask id="handle" name="Handle" tg:candidateGroups="street" tg:timeLimit="PT8H" tg:calendar="natural" />
            <boundaryEvent id="late" attachedToRef="handle" cancelActivity="true"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>
            <sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
            <sequenceFlow id="f3" sourceRef="late" targetRef="escalate" />
            <userTask id="escalate" name="Escalate" tg:candidateGroups="district" />
            <sequenceFlow id="f4" sourceRef="escalate" targetRef="end2" />
            <endEvent id="end" />
            <endEvent id="end2" />
          </process>
        {Close}
        """;
}
