namespace Tongguan.Workflows.Validation;

/// <summary>
/// The codes of the problems <see cref="BpmnValidator"/> reports. They are stable and continue the reader's numbering (<see cref="Parsing.BpmnProblemCodes"/>, TG00xx): designers, the editor's
/// lint panel and the documentation (docs/designers/bpmn-reference.md) refer to them.
/// </summary>
public static class ValidationCodes
{
    // Processes and scopes.
    public const string NoExecutableProcess = "TG0101"; // no-executable-process
    public const string MissingStartEvent = "TG0102"; // missing-start-event
    public const string MultipleNoneStartEvents = "TG0103"; // multiple-none-start-events
    public const string SubProcessStartEventTrigger = "TG0104"; // subprocess-start-event-trigger

    // Sequence flows and connectivity.
    public const string FlowCrossesScope = "TG0111"; // flow-crosses-scope
    public const string FlowIntoStartEvent = "TG0112"; // flow-into-start-event
    public const string FlowIntoBoundaryEvent = "TG0113"; // flow-into-boundary-event
    public const string FlowOutOfEndEvent = "TG0114"; // flow-out-of-end-event
    public const string NoIncomingFlow = "TG0115"; // no-incoming-flow
    public const string NoOutgoingFlow = "TG0116"; // no-outgoing-flow
    public const string UnreachableNode = "TG0117"; // unreachable-node

    // Gateways and conditions.
    public const string FlowWithoutCondition = "TG0201"; // flow-without-condition
    public const string GatewayWithoutDefault = "TG0202"; // gateway-without-default
    public const string ConditionOnDefaultFlow = "TG0203"; // condition-on-default-flow
    public const string ConditionIgnored = "TG0204"; // condition-ignored
    public const string EventGatewayTarget = "TG0205"; // event-gateway-target
    public const string EventGatewayTooFewFlows = "TG0206"; // event-gateway-too-few-flows

    // Activities.
    public const string UserTaskWithoutAssignment = "TG0301"; // user-task-without-assignment
    public const string ServiceTaskWithoutHandler = "TG0302"; // service-task-without-handler
    public const string ScriptTaskWithoutScript = "TG0303"; // script-task-without-script
    public const string SendTaskWithoutHandlerOrMessage = "TG0304"; // send-task-without-handler-or-message
    public const string MissingMessage = "TG0305"; // missing-message
    public const string CallActivityWithoutCalledElement = "TG0306"; // call-activity-without-called-element
    public const string MultiInstanceWithoutCardinality = "TG0307"; // multi-instance-without-cardinality
    public const string InvalidElementVariable = "TG0308"; // invalid-element-variable

    // Events.
    public const string TimerWithoutDefinition = "TG0401"; // timer-without-definition
    public const string InvalidTimer = "TG0402"; // invalid-timer
    public const string BoundaryEventNotAttached = "TG0403"; // boundary-event-not-attached
    public const string DeadlineTimerWithTime = "TG0404"; // deadline-timer-with-time
    public const string NonInterruptingErrorBoundary = "TG0405"; // non-interrupting-error-boundary
    public const string ErrorEndWithoutCode = "TG0406"; // error-end-without-code
    public const string ErrorWithoutCode = "TG0407"; // error-without-code
    public const string DeadlineWithoutTimeLimit = "TG0408"; // deadline-without-time-limit

    // Expressions.
    public const string ExpressionSyntax = "TG0501"; // expression-syntax
    public const string EmptyExpression = "TG0502"; // empty-expression

    // tg: extension attributes.
    public const string UnknownExtensionAttribute = "TG0601"; // unknown-tg-attribute
    public const string InvalidExtensionValue = "TG0602"; // invalid-tg-value
    public const string MisplacedExtensionAttribute = "TG0603"; // misplaced-tg-attribute
}
