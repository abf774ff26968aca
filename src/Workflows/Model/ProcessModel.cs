using System.Collections.ObjectModel;

namespace Tongguan.Workflows.Model;

/// <summary>
/// An executable process read from one BPMN <c>process</c> element. Immutable once built by the parser;
/// safe to share between threads and instances.
/// </summary>
/// <remarks>
/// Node ids are unique across the whole process including nested sub-processes, as BPMN requires.
/// <see cref="Nodes"/> holds every node at every depth; <see cref="IScope.Content"/> lists the direct
/// children of a scope (the process itself or an embedded sub-process).
/// </remarks>
public sealed class ProcessModel : IScope
{
    public ProcessModel(string id, string? name, bool isExecutable, SourcePosition position)
    {
        Id = id;
        Name = name;
        IsExecutable = isExecutable;
        Position = position;
    }

    public string Id { get; }

    public string? Name { get; }

    public SourcePosition Position { get; }

    /// <summary>Direct children of the process.</summary>
    public ScopeContent Content { get; } = new();

    /// <summary>The process id, used as the definition key.</summary>
    public string Key => Id;

    public bool IsExecutable { get; }

    /// <summary>Every node of the process, nested ones included, by id.</summary>
    public IReadOnlyDictionary<string, Node> Nodes => _nodes;

    /// <summary>Every sequence flow of the process, nested ones included, by id.</summary>
    public IReadOnlyDictionary<string, SequenceFlow> Flows => _flows;

    /// <summary>BPMN messages declared in the definitions, by id (the <c>messageRef</c> target).</summary>
    public IReadOnlyDictionary<string, MessageDefinition> Messages { get; internal set; } =
        ReadOnlyDictionary<string, MessageDefinition>.Empty;

    /// <summary>BPMN errors declared in the definitions, by id (the <c>errorRef</c> target).</summary>
    public IReadOnlyDictionary<string, ErrorDefinition> Errors { get; internal set; } =
        ReadOnlyDictionary<string, ErrorDefinition>.Empty;

    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SequenceFlow> _flows = new(StringComparer.Ordinal);

    internal void Register(Node node) => _nodes[node.Id] = node;

    internal void Register(SequenceFlow flow) => _flows[flow.Id] = flow;

    /// <summary>Returns the node with <paramref name="id"/> or throws a <see cref="KeyNotFoundException"/> naming it.</summary>
    public Node GetNode(string id) =>
        _nodes.TryGetValue(id, out var node)
            ? node
            : throw new KeyNotFoundException($"Process '{Id}' has no node '{id}'.");
}

/// <summary>A container of flow elements: the process itself or an embedded sub-process.</summary>
public interface IScope
{
    string Id { get; }

    /// <summary>The direct children of this scope.</summary>
    ScopeContent Content { get; }
}

/// <summary>The direct child nodes and flows of a scope, in document order.</summary>
public sealed class ScopeContent
{
    private readonly List<Node> _children = [];
    private readonly List<SequenceFlow> _flows = [];

    public IReadOnlyList<Node> Children => _children;

    public IReadOnlyList<SequenceFlow> Flows => _flows;

    /// <summary>The start events directly inside this scope.</summary>
    public IEnumerable<StartEvent> StartEvents => _children.OfType<StartEvent>();

    internal void Add(Node node) => _children.Add(node);

    internal void Add(SequenceFlow flow) => _flows.Add(flow);
}

/// <summary>Where an element sits in its BPMN file (1-based line and column; 0 when unknown).</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition Unknown = new(0, 0);

    public override string ToString() => $"line {Line}, column {Column}";
}

/// <summary>A BPMN <c>message</c>: the name is what correlation matches on.</summary>
public sealed record MessageDefinition(string Id, string Name);

/// <summary>A BPMN <c>error</c>: the code is what error boundary events match on.</summary>
public sealed record ErrorDefinition(string Id, string? Name, string? Code);
