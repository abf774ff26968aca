namespace Tongguan.Integration.Tests.Workflows;

/// <summary>Small BPMN processes for the runtime tests; each takes its key so tests never share versions.</summary>
internal static class Processes
{
    private const string Open =
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="defs" targetNamespace="https://tongguan.dev/tests">""";

    private const string Close = "</definitions>";

    public static string NewKey(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>start → user task <c>handle</c> (<paramref name="taskName"/>, group <paramref name="group"/>) → end.</summary>
    public static string UserTask(string key, string taskName = "Handle the case", string group = "street") => $"""
        {Open}
          <process id="{key}" name="Handling" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <userTask id="handle" name="{taskName}" tg:candidateGroups="{group},district" />
            <sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>start → user task <c>check</c> → user task <c>close</c> → end.</summary>
    public static string TwoTasks(string key, string secondId = "close") => $"""
        {Open}
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="check" />
            <userTask id="check" name="Check" tg:candidateGroups="street" />
            <sequenceFlow id="f2" sourceRef="check" targetRef="{secondId}" />
            <userTask id="{secondId}" name="Close" tg:candidateGroups="street" />
            <sequenceFlow id="f3" sourceRef="{secondId}" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>start → receive task waiting for <paramref name="message"/> (correlated by business key) → end.</summary>
    public static string WaitForMessage(string key, string message) => $"""
        {Open}
          <message id="m" name="{message}" />
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <receiveTask id="wait" name="Wait for inspection" messageRef="m" />
            <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>Message start event <paramref name="message"/> → user task → end.</summary>
    public static string StartedByMessage(string key, string message) => $"""
        {Open}
          <message id="m" name="{message}" />
          <process id="{key}" isExecutable="true">
            <startEvent id="start"><messageEventDefinition messageRef="m" /></startEvent>
            <sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <userTask id="handle" name="Handle report" tg:candidateGroups="hotline" />
            <sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>start → send task throwing <paramref name="message"/> (key = business key) → end.</summary>
    public static string SendMessage(string key, string message) => $"""
        {Open}
          <message id="m" name="{message}" />
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="notify" />
            <sendTask id="notify" name="Notify" messageRef="m" />
            <sequenceFlow id="f2" sourceRef="notify" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>start → timer catch (<paramref name="duration"/>) → end.</summary>
    public static string Timer(string key, string duration = "PT1H") => $"""
        {Open}
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <intermediateCatchEvent id="wait" name="Cooling-off"><timerEventDefinition><timeDuration>{duration}</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>start → async service task (handler <c>test</c>, <paramref name="retries"/> attempts) → user task <c>review</c> → end.</summary>
    public static string AsyncService(string key, int retries = 2) => $"""
        {Open}
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="lookup" />
            <serviceTask id="lookup" name="Look up owner" tg:handler="test" tg:async="true" tg:retries="{retries}" />
            <sequenceFlow id="f2" sourceRef="lookup" targetRef="review" />
            <userTask id="review" name="Review" tg:candidateGroups="street" />
            <sequenceFlow id="f3" sourceRef="review" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;

    /// <summary>start → call activity of <paramref name="childKey"/> → user task <c>after</c> → end.</summary>
    public static string Parent(string key, string childKey) => $"""
        {Open}
          <process id="{key}" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="call" />
            <callActivity id="call" name="Escalate" calledElement="{childKey}" />
            <sequenceFlow id="f2" sourceRef="call" targetRef="after" />
            <userTask id="after" name="After child" tg:candidateGroups="street" />
            <sequenceFlow id="f3" sourceRef="after" targetRef="end" />
            <endEvent id="end" />
          </process>
        {Close}
        """;
}
