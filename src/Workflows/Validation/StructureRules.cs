using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Validation;

/// <summary>Start events per scope, sequence flow endpoints, dangling nodes and reachability.</summary>
internal static class StructureRules
{
    public static void Check(ProcessModel process, ProblemCollector problems)
    {
        CheckStartEvents(process, problems);
        foreach (var subProcess in process.Nodes.Values.OfType<SubProcess>())
        {
            CheckStartEvents(subProcess, problems);
        }

        foreach (var flow in process.Flows.Values)
        {
            CheckFlow(flow, problems);
        }

        foreach (var node in process.Nodes.Values)
        {
            CheckConnections(node, problems);
        }

        CheckReachability(process, problems);
    }

    private static void CheckStartEvents(ProcessModel process, ProblemCollector problems)
    {
        var starts = process.Content.StartEvents.ToList();
        if (starts.Count == 0)
        {
            problems.Error(
                ValidationCodes.MissingStartEvent,
                process,
                $"Process '{process.Id}' has no start event, so no case can ever start it. Add a start event.");
            return;
        }

        ReportSeveralNoneStarts(starts, $"process '{process.Id}'", problems);
    }

    private static void CheckStartEvents(SubProcess subProcess, ProblemCollector problems)
    {
        var starts = subProcess.Content.StartEvents.ToList();
        if (starts.Count == 0)
        {
            problems.Error(
                ValidationCodes.MissingStartEvent,
                subProcess,
                $"{Describe.Node(subProcess)} has no start event, so the token entering it has nowhere to go. Add a none start event inside it.");
            return;
        }

        foreach (var start in starts.Where(s => s.Trigger != EventTrigger.None))
        {
            problems.Error(
                ValidationCodes.SubProcessStartEventTrigger,
                start,
                $"{Describe.Node(start)} is inside {Describe.NodeLower(subProcess)}: an embedded sub-process starts when the token reaches it, so its start event must be a none start event. Remove the {start.Trigger.ToString().ToLowerInvariant()} definition or put a {start.Trigger.ToString().ToLowerInvariant()} intermediate catch event after the start.");
        }

        ReportSeveralNoneStarts(starts, Describe.NodeLower(subProcess), problems);
    }

    private static void ReportSeveralNoneStarts(List<StartEvent> starts, string scope, ProblemCollector problems)
    {
        var noneStarts = starts.Where(s => s.Trigger == EventTrigger.None).ToList();
        if (noneStarts.Count <= 1)
        {
            return;
        }

        var ids = string.Join(", ", noneStarts.Select(s => $"'{s.Id}'"));
        foreach (var start in noneStarts.Skip(1))
        {
            problems.Error(
                ValidationCodes.MultipleNoneStartEvents,
                start,
                $"{Describe.Node(start)}: {scope} has {noneStarts.Count} none start events ({ids}), so it is ambiguous where a case starts. Keep one and connect the others' paths to it, or give them a timer or message trigger.");
        }
    }

    private static void CheckFlow(SequenceFlow flow, ProblemCollector problems)
    {
        if (!ReferenceEquals(flow.Source.Parent, flow.Target.Parent))
        {
            problems.Error(
                ValidationCodes.FlowCrossesScope,
                flow,
                $"{Describe.Flow(flow)} connects {Describe.NodeLower(flow.Source)} in '{flow.Source.Parent?.Id}' with {Describe.NodeLower(flow.Target)} in '{flow.Target.Parent?.Id}': a sequence flow cannot cross a sub-process border. Connect the sub-process itself, and use start and end events inside it.");
        }

        switch (flow.Target)
        {
            case StartEvent start:
                problems.Error(
                    ValidationCodes.FlowIntoStartEvent,
                    flow,
                    $"{Describe.Flow(flow)} leads into {Describe.NodeLower(start)}: a start event cannot have incoming flows. Point the flow at the first task after the start event instead.");
                break;
            case BoundaryEvent boundary:
                problems.Error(
                    ValidationCodes.FlowIntoBoundaryEvent,
                    flow,
                    $"{Describe.Flow(flow)} leads into {Describe.NodeLower(boundary)}: a boundary event is triggered by its activity, never by a flow. Remove the flow.");
                break;
        }

        if (flow.Source is EndEvent end)
        {
            problems.Error(
                ValidationCodes.FlowOutOfEndEvent,
                flow,
                $"{Describe.Flow(flow)} leaves {Describe.NodeLower(end)}: the path stops at an end event. Remove the flow or replace the end event by a task or gateway.");
        }
    }

    private static void CheckConnections(Node node, ProblemCollector problems)
    {
        if (node.Incoming.Count == 0 && node is not StartEvent and not BoundaryEvent)
        {
            problems.Error(
                ValidationCodes.NoIncomingFlow,
                node,
                $"{Describe.Node(node)} has no incoming sequence flow, so no token can ever reach it. Connect it to the flow or delete it.");
        }

        if (node.Outgoing.Count == 0 && node is not EndEvent)
        {
            problems.Error(
                ValidationCodes.NoOutgoingFlow,
                node,
                $"{Describe.Node(node)} has no outgoing sequence flow, so the path stops there without an explicit end. Connect it to the next step or to an end event.");
        }
    }

    /// <summary>
    /// Walks the flows from every start and boundary event. Nodes without incoming flows are walked from too:
    /// they are already reported, and what follows them should not be reported a second time.
    /// What remains are islands such as a loop nothing leads into.
    /// </summary>
    private static void CheckReachability(ProcessModel process, ProblemCollector problems)
    {
        var reached = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Node>(process.Nodes.Values.Where(n => n is StartEvent or BoundaryEvent || n.Incoming.Count == 0));
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!reached.Add(node))
            {
                continue;
            }

            foreach (var flow in node.Outgoing)
            {
                pending.Push(flow.Target);
            }
        }

        foreach (var node in process.Nodes.Values.Where(n => !reached.Contains(n)))
        {
            problems.Warning(
                ValidationCodes.UnreachableNode,
                node,
                $"{Describe.Node(node)} cannot be reached from any start or boundary event (its incoming flows only come from nodes that are themselves unreachable). Connect the path to the rest of the process or delete it.");
        }
    }
}
