using System.Runtime.CompilerServices;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Execution;

/// <summary>
/// Facts about a process model the executor needs repeatedly, computed once per model and cached for the
/// model's lifetime (models are immutable and shared).
/// </summary>
internal sealed class ModelIndex
{
    private static readonly ConditionalWeakTable<ProcessModel, ModelIndex> Cache = [];

    private readonly Dictionary<string, HashSet<string>> _canReachJoin = new(StringComparer.Ordinal);

    private ModelIndex(ProcessModel model)
    {
        foreach (var node in model.Nodes.Values)
        {
            if (node is Gateway { Kind: GatewayKind.Inclusive } gateway && gateway.Incoming.Count > 1)
            {
                _canReachJoin[gateway.Id] = ComputePredecessors(gateway);
            }
        }

        NoneStart = model.Content.StartEvents.FirstOrDefault(s => s.Trigger == EventTrigger.None);
    }

    /// <summary>The process-level none start event, if any.</summary>
    public StartEvent? NoneStart { get; }

    public static ModelIndex For(ProcessModel model) => Cache.GetValue(model, static m => new ModelIndex(m));

    /// <summary>
    /// True when a token sitting on <paramref name="nodeId"/> (or inside it, for a sub-process) can still reach the
    /// inclusive join <paramref name="joinId"/> in the same scope — through sequence flows or the activity's boundary events.
    /// </summary>
    public bool CanReach(string nodeId, string joinId) =>
        _canReachJoin.TryGetValue(joinId, out var predecessors) && predecessors.Contains(nodeId);

    private static HashSet<string> ComputePredecessors(Node join)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Node>();
        pending.Push(join);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (var flow in node.Incoming)
            {
                if (seen.Add(flow.Source.Id))
                {
                    pending.Push(flow.Source);
                }
            }

            // A token on an activity can leave through its boundary events, so the activity reaches whatever they reach.
            if (node is BoundaryEvent boundary && seen.Add(boundary.AttachedTo.Id))
            {
                pending.Push(boundary.AttachedTo);
            }
        }

        return seen;
    }
}
