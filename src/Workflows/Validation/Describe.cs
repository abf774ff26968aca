using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Validation;

/// <summary>Names elements the way a process designer sees them in the editor.</summary>
internal static class Describe
{
    /// <summary>"User task 'Verify on site' (Task_verify)", or "User task 'Task_verify'" when unnamed.</summary>
    public static string Node(Node node) => Capitalise(NodeLower(node));

    public static string NodeLower(Node node)
    {
        var kind = Kind(node);
        var name = Label(node.Name);
        return name.Length == 0 || name == node.Id
            ? $"{kind} '{node.Id}'"
            : $"{kind} '{name}' ({node.Id})";
    }

    /// <summary>Editors wrap long names with line breaks; one problem stays on one line.</summary>
    private static string Label(string? name) =>
        name is null ? "" : string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Flow(SequenceFlow flow) => Capitalise(FlowLower(flow));

    public static string FlowLower(SequenceFlow flow) =>
        $"sequence flow '{flow.Id}' ({flow.Source.Id} → {flow.Target.Id})";

    public static string Kind(Node node) => node switch
    {
        TaskNode { Kind: TaskKind.User } => "user task",
        TaskNode { Kind: TaskKind.Service } => "service task",
        TaskNode { Kind: TaskKind.Script } => "script task",
        TaskNode { Kind: TaskKind.Send } => "send task",
        TaskNode { Kind: TaskKind.Receive } => "receive task",
        TaskNode => "task",
        CallActivity => "call activity",
        SubProcess => "sub-process",
        Gateway { Kind: GatewayKind.Exclusive } => "exclusive gateway",
        Gateway { Kind: GatewayKind.Parallel } => "parallel gateway",
        Gateway { Kind: GatewayKind.Inclusive } => "inclusive gateway",
        Gateway => "event-based gateway",
        StartEvent e => Trigger(e, "start event"),
        EndEvent e => Trigger(e, "end event"),
        IntermediateCatchEvent e => Trigger(e, "intermediate catch event"),
        BoundaryEvent e => Trigger(e, "boundary event"),
        _ => node.ElementType,
    };

    private static string Trigger(EventNode node, string kind) => node.Trigger switch
    {
        EventTrigger.Timer => "timer " + kind,
        EventTrigger.Message => "message " + kind,
        EventTrigger.Error => "error " + kind,
        EventTrigger.Terminate => "terminate " + kind,
        _ => kind,
    };

    private static string Capitalise(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}
