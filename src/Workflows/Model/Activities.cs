namespace Tongguan.Workflows.Model;

/// <summary>An activity: a task, a call activity or an embedded sub-process.</summary>
public abstract class Activity : Node
{
    protected Activity(string id, string? name, SourcePosition position)
        : base(id, name, position)
    {
    }

    /// <summary>Boundary events attached to this activity.</summary>
    public IReadOnlyList<BoundaryEvent> BoundaryEvents => _boundaryEvents;

    /// <summary>Set when the activity runs once per element of a collection or a fixed number of times.</summary>
    public MultiInstance? MultiInstance { get; internal set; }

    /// <summary>The flow taken when no condition on the outgoing flows holds.</summary>
    public SequenceFlow? DefaultFlow { get; internal set; }

    /// <summary>
    /// Time limit for the activity from <c>tg:timeLimit</c> (ISO-8601 duration) and <c>tg:calendar</c>
    /// (<c>business</c> or <c>natural</c>); interpreted by the deadline module, carried here untouched.
    /// </summary>
    public TimeLimit? TimeLimit { get; internal set; }

    private readonly List<BoundaryEvent> _boundaryEvents = [];

    internal void AddBoundaryEvent(BoundaryEvent boundaryEvent) => _boundaryEvents.Add(boundaryEvent);
}

/// <summary>A time limit as designed: the duration text, the calendar kind and the warning share.</summary>
public sealed record TimeLimit(string Duration, CalendarKind Calendar, double? WarningShare);

public enum CalendarKind
{
    Business,
    Natural,
}

/// <summary>Multi-instance loop characteristics.</summary>
/// <param name="IsSequential">Run the instances one after another instead of in parallel.</param>
/// <param name="Collection">Variable name (or JS expression) giving the collection to iterate, via <c>tg:collection</c>.</param>
/// <param name="ElementVariable">Local variable holding the current element, via <c>tg:elementVariable</c>.</param>
/// <param name="LoopCardinality">JS expression giving the number of instances when there is no collection.</param>
/// <param name="CompletionCondition">JS expression; when true after an instance completes, the rest are cancelled.</param>
public sealed record MultiInstance(
    bool IsSequential,
    string? Collection,
    string? ElementVariable,
    string? LoopCardinality,
    string? CompletionCondition);

public enum TaskKind
{
    User,
    Service,
    Script,
    Send,
    Receive,
    /// <summary>A plain BPMN <c>task</c>: passes straight through.</summary>
    Manual,
}

public sealed class TaskNode(string id, string? name, SourcePosition position, TaskKind kind) : Activity(id, name, position)
{
    public TaskKind Kind { get; } = kind;

    /// <summary>
    /// User task: groups that may claim it (<c>tg:candidateGroups</c>, comma separated). Each item is a literal group name
    /// or a whole <c>${expr}</c> / <c>#{expr}</c> item, evaluated when the task is created.
    /// </summary>
    public IReadOnlyList<string> CandidateGroups { get; internal set; } = [];

    /// <summary>User task: users that may claim it (<c>tg:candidateUsers</c>); items as in <see cref="CandidateGroups"/>.</summary>
    public IReadOnlyList<string> CandidateUsers { get; internal set; } = [];

    /// <summary>User task: JS expression or literal naming the assignee (<c>tg:assignee</c>).</summary>
    public string? Assignee { get; internal set; }

    /// <summary>User task: form key (<c>tg:formKey</c>) naming the form the inbox shows.</summary>
    public string? FormKey { get; internal set; }

    /// <summary>Service/send task: handler name (<c>tg:handler</c>) resolved from the handler registry.</summary>
    public string? Handler { get; internal set; }

    /// <summary>Service/send task: run through the job system with retries (<c>tg:async</c>).</summary>
    public bool IsAsync { get; internal set; }

    /// <summary>Async service task: attempts before an incident is raised (<c>tg:retries</c>, default 3).</summary>
    public int Retries { get; internal set; } = 3;

    /// <summary>Script task: the JavaScript source.</summary>
    public string? Script { get; internal set; }

    /// <summary>Script task: the variable receiving the script's completion value (<c>tg:resultVariable</c>).</summary>
    public string? ResultVariable { get; internal set; }

    /// <summary>Send/receive task: the BPMN message.</summary>
    public MessageDefinition? Message { get; internal set; }

    public override string ElementType => Kind switch
    {
        TaskKind.User => "userTask",
        TaskKind.Service => "serviceTask",
        TaskKind.Script => "scriptTask",
        TaskKind.Send => "sendTask",
        TaskKind.Receive => "receiveTask",
        _ => "task",
    };
}

/// <summary>Runs another process as a child instance and waits for it to end.</summary>
public sealed class CallActivity(string id, string? name, SourcePosition position) : Activity(id, name, position)
{
    /// <summary>The key of the process to call.</summary>
    public string CalledElement { get; internal set; } = "";

    /// <summary>A pinned version (<c>tg:version</c>), or null for the latest published version.</summary>
    public int? Version { get; internal set; }

    public override string ElementType => "callActivity";
}

/// <summary>An embedded sub-process: a nested scope with its own start event.</summary>
public sealed class SubProcess(string id, string? name, SourcePosition position) : Activity(id, name, position), IScope
{
    public ScopeContent Content { get; } = new();

    public override string ElementType => "subProcess";
}
