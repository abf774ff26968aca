namespace Tongguan.Workflows.Model;

/// <summary>A flow node (event, activity or gateway) of a process. Immutable after parsing.</summary>
public abstract class Node
{
    protected Node(string id, string? name, SourcePosition position)
    {
        Id = id;
        Name = name;
        Position = position;
    }

    public string Id { get; }

    public string? Name { get; }

    public SourcePosition Position { get; }

    /// <summary>The enclosing scope: the process or an embedded sub-process.</summary>
    public IScope Parent { get; internal set; } = null!;

    public IReadOnlyList<SequenceFlow> Incoming => _incoming;

    public IReadOnlyList<SequenceFlow> Outgoing => _outgoing;

    /// <summary>Tongguan extension attributes (<c>tg:*</c>) by local name, as written in the file.</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; internal set; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The BPMN element name, e.g. <c>userTask</c>, used in messages to designers.</summary>
    public abstract string ElementType { get; }

    private readonly List<SequenceFlow> _incoming = [];
    private readonly List<SequenceFlow> _outgoing = [];

    internal void AddIncoming(SequenceFlow flow) => _incoming.Add(flow);

    internal void AddOutgoing(SequenceFlow flow) => _outgoing.Add(flow);

    public override string ToString() => $"{ElementType} '{Id}'";
}

/// <summary>A directed connection between two nodes of the same scope.</summary>
public sealed class SequenceFlow
{
    public SequenceFlow(string id, string? name, Node source, Node target, string? conditionExpression, SourcePosition position)
    {
        Id = id;
        Name = name;
        Source = source;
        Target = target;
        ConditionExpression = conditionExpression;
        Position = position;
    }

    public string Id { get; }

    public string? Name { get; }

    public Node Source { get; }

    public Node Target { get; }

    /// <summary>A JavaScript expression over the instance variables; null when unconditional.</summary>
    public string? ConditionExpression { get; }

    public SourcePosition Position { get; }

    /// <summary>True when this flow is the <c>default</c> of its source gateway or activity.</summary>
    public bool IsDefault { get; internal set; }

    public override string ToString() => $"sequenceFlow '{Id}'";
}

/// <summary>What kind of trigger an event has.</summary>
public enum EventTrigger
{
    None,
    Timer,
    Message,
    Error,
    Terminate,
}

/// <summary>A timer definition: exactly one of the three BPMN forms.</summary>
/// <param name="Kind">Which BPMN form was used.</param>
/// <param name="Expression">The ISO-8601 text (duration, date-time or repeating interval).</param>
public sealed record TimerDefinition(TimerKind Kind, string Expression);

public enum TimerKind
{
    Duration,
    Date,
    Cycle,
}

/// <summary>An event: start, end, intermediate catch or boundary.</summary>
public abstract class EventNode : Node
{
    protected EventNode(string id, string? name, SourcePosition position)
        : base(id, name, position)
    {
    }

    public EventTrigger Trigger { get; internal set; }

    public TimerDefinition? Timer { get; internal set; }

    /// <summary>The BPMN message for message triggers.</summary>
    public MessageDefinition? Message { get; internal set; }

    /// <summary>The BPMN error for error triggers; null on a catching error event means "any error".</summary>
    public ErrorDefinition? Error { get; internal set; }
}

public sealed class StartEvent(string id, string? name, SourcePosition position) : EventNode(id, name, position)
{
    public override string ElementType => "startEvent";
}

public sealed class EndEvent(string id, string? name, SourcePosition position) : EventNode(id, name, position)
{
    public override string ElementType => "endEvent";
}

/// <summary>An intermediate catch event (timer or message) that makes its token wait.</summary>
public sealed class IntermediateCatchEvent(string id, string? name, SourcePosition position) : EventNode(id, name, position)
{
    public override string ElementType => "intermediateCatchEvent";
}

/// <summary>A boundary event attached to an activity.</summary>
public sealed class BoundaryEvent(string id, string? name, SourcePosition position) : EventNode(id, name, position)
{
    public override string ElementType => "boundaryEvent";

    /// <summary>The activity this event is attached to.</summary>
    public Activity AttachedTo { get; internal set; } = null!;

    /// <summary>True when the event cancels the activity it is attached to (BPMN's default).</summary>
    public bool CancelActivity { get; internal set; } = true;

    /// <summary>
    /// <c>tg:deadline</c>: a timer boundary event whose time is not written in the BPMN but set by the deadline
    /// module from the activity's <c>tg:timeLimit</c> on the business calendar — fired at the yellow warning or at
    /// the red breach. The engine arms it without a due time and never fires it by itself.
    /// </summary>
    public DeadlineAlarm? Deadline { get; internal set; }
}

/// <summary>Which moment of an activity's time limit a <c>tg:deadline</c> boundary timer waits for.</summary>
public enum DeadlineAlarm
{
    /// <summary>The yellow warning (<c>tg:deadline="warning"</c>).</summary>
    Warning,

    /// <summary>The red breach, when the limit is used up (<c>tg:deadline="due"</c>).</summary>
    Due,
}

/// <summary>Gateway kinds supported by the engine.</summary>
public enum GatewayKind
{
    Exclusive,
    Parallel,
    Inclusive,
    EventBased,
}

public sealed class Gateway(string id, string? name, SourcePosition position, GatewayKind kind) : Node(id, name, position)
{
    public GatewayKind Kind { get; } = kind;

    /// <summary>The flow taken when no condition holds (exclusive and inclusive gateways).</summary>
    public SequenceFlow? DefaultFlow { get; internal set; }

    public override string ElementType => Kind switch
    {
        GatewayKind.Exclusive => "exclusiveGateway",
        GatewayKind.Parallel => "parallelGateway",
        GatewayKind.Inclusive => "inclusiveGateway",
        _ => "eventBasedGateway",
    };
}
