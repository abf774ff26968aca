using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Validation;

/// <summary>Conditions and default flows on gateways and activities; event-based gateway targets.</summary>
internal static class GatewayRules
{
    public static void Check(ProcessModel process, ProblemCollector problems)
    {
        foreach (var node in process.Nodes.Values)
        {
            switch (node)
            {
                case Gateway { Kind: GatewayKind.Exclusive or GatewayKind.Inclusive } gateway:
                    CheckDecision(gateway, problems);
                    break;
                case Gateway { Kind: GatewayKind.Parallel } gateway:
                    CheckNoConditions(gateway, "a parallel gateway takes every outgoing flow", problems);
                    break;
                case Gateway { Kind: GatewayKind.EventBased } gateway:
                    CheckNoConditions(gateway, "an event-based gateway follows whichever event happens first", problems);
                    CheckEventBased(gateway, problems);
                    break;
            }

            if (node is Activity activity)
            {
                CheckDefaultFlow(activity.DefaultFlow, problems);
            }
        }
    }

    private static void CheckDecision(Gateway gateway, ProblemCollector problems)
    {
        CheckDefaultFlow(gateway.DefaultFlow, problems);
        var outgoing = gateway.Outgoing;
        var conditional = outgoing.Where(f => !f.IsDefault && HasCondition(f)).ToList();

        // A single unconditional flow (a merging gateway) needs neither conditions nor a default.
        if (outgoing.Count > 1)
        {
            foreach (var flow in outgoing.Where(f => !f.IsDefault && !HasCondition(f)))
            {
                problems.Error(
                    ValidationCodes.FlowWithoutCondition,
                    flow,
                    $"{Describe.Flow(flow)} leaves {Describe.NodeLower(gateway)} without a condition and is not its default flow, so the gateway cannot decide when to take it. Add a condition or mark it as the default flow.");
            }
        }

        if (conditional.Count > 0 && gateway.DefaultFlow is null)
        {
            problems.Warning(
                ValidationCodes.GatewayWithoutDefault,
                gateway,
                $"{Describe.Node(gateway)} has {Plural(conditional.Count, "outgoing flow")} with conditions but no default flow: if no condition holds the case gets stuck with an error. Mark one flow as default, or make sure the conditions cover every case.");
        }
    }

    private static void CheckDefaultFlow(SequenceFlow? defaultFlow, ProblemCollector problems)
    {
        if (defaultFlow is not null && HasCondition(defaultFlow))
        {
            problems.Error(
                ValidationCodes.ConditionOnDefaultFlow,
                defaultFlow,
                $"{Describe.Flow(defaultFlow)} is a default flow and also has a condition; a default flow is taken exactly when no other condition holds, so its condition would be ignored. Remove the condition.");
        }
    }

    private static void CheckNoConditions(Gateway gateway, string reason, ProblemCollector problems)
    {
        foreach (var flow in gateway.Outgoing.Where(HasCondition))
        {
            problems.Error(
                ValidationCodes.ConditionIgnored,
                flow,
                $"{Describe.Flow(flow)} has a condition but leaves {Describe.NodeLower(gateway)}: {reason}, so the condition would be ignored. Remove the condition, or use an exclusive or inclusive gateway.");
        }
    }

    private static void CheckEventBased(Gateway gateway, ProblemCollector problems)
    {
        if (gateway.Outgoing.Count < 2)
        {
            problems.Error(
                ValidationCodes.EventGatewayTooFewFlows,
                gateway,
                $"{Describe.Node(gateway)} has {Plural(gateway.Outgoing.Count, "outgoing flow")}; an event-based gateway chooses between at least two events. Add another timer or message catch event, or remove the gateway.");
        }

        foreach (var flow in gateway.Outgoing)
        {
            var target = flow.Target;
            var waits = target is IntermediateCatchEvent { Trigger: EventTrigger.Timer or EventTrigger.Message }
                || target is TaskNode { Kind: TaskKind.Receive };
            if (!waits)
            {
                problems.Error(
                    ValidationCodes.EventGatewayTarget,
                    flow,
                    $"{Describe.Flow(flow)} leads from {Describe.NodeLower(gateway)} to {Describe.NodeLower(target)}; after an event-based gateway every flow must lead to a timer or message intermediate catch event or a receive task. Put such an event before {target.Id}.");
            }
        }
    }

    internal static bool HasCondition(SequenceFlow flow) => !string.IsNullOrWhiteSpace(flow.ConditionExpression);

    internal static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
