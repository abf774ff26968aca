using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Validation;

/// <summary>Every expression and script must parse as JavaScript before the engine meets it at run time.</summary>
internal static class ExpressionRules
{
    public static void Check(ProcessModel process, ProblemCollector problems)
    {
        foreach (var flow in process.Flows.Values.Where(GatewayRules.HasCondition))
        {
            var error = JavaScriptSyntax.CheckExpression(flow.ConditionExpression!);
            if (error is not null)
            {
                problems.Error(
                    ValidationCodes.ExpressionSyntax,
                    flow,
                    $"The condition of {Describe.FlowLower(flow)} is not valid JavaScript: {Explain(error, flow.ConditionExpression!)} Write it like amount > 1000 && category === 'road'.");
            }
        }

        foreach (var node in process.Nodes.Values)
        {
            if (node is TaskNode task)
            {
                CheckTask(task, problems);
            }

            if (node is Activity { MultiInstance: { } multiInstance })
            {
                CheckExpression(node, "tg:collection", multiInstance.Collection, problems);
                CheckExpression(node, "loopCardinality", multiInstance.LoopCardinality, problems);
                CheckExpression(node, "completionCondition", multiInstance.CompletionCondition, problems);
            }

            if (node.Extensions.TryGetValue("correlationKey", out var correlationKey))
            {
                CheckExpression(node, "tg:correlationKey", correlationKey, problems, required: true);
            }

            if (node.Extensions.TryGetValue("payload", out var payload))
            {
                CheckExpression(node, "tg:payload", payload, problems, required: true);
            }
        }
    }

    private static void CheckTask(TaskNode task, ProblemCollector problems)
    {
        // A bare assignee is a user name; only a wrapped one is evaluated.
        if (task.Assignee is { } assignee && JavaScriptSyntax.IsWrapped(assignee))
        {
            CheckExpression(task, "tg:assignee", assignee, problems, required: true);
        }

        CheckCandidates(task, "tg:candidateGroups", task.CandidateGroups, problems);
        CheckCandidates(task, "tg:candidateUsers", task.CandidateUsers, problems);

        if (task.Kind == TaskKind.Script && !string.IsNullOrWhiteSpace(task.Script))
        {
            var error = JavaScriptSyntax.CheckScript(task.Script);
            if (error is not null)
            {
                problems.Error(
                    ValidationCodes.ExpressionSyntax,
                    task,
                    $"The script of {Describe.NodeLower(task)} is not valid JavaScript: {Explain(error, task.Script)} Fix the script.");
            }
        }
    }

    /// <summary>Each item is a literal name or a whole <c>${...}</c> item; text around an expression would be taken literally.</summary>
    private static void CheckCandidates(TaskNode task, string setting, IReadOnlyList<string> items, ProblemCollector problems)
    {
        foreach (var item in items)
        {
            if (JavaScriptSyntax.IsWrapped(item))
            {
                CheckExpression(task, setting, item, problems, required: true);
            }
            else if (item.Contains("${", StringComparison.Ordinal) || item.Contains("#{", StringComparison.Ordinal))
            {
                problems.Error(
                    ValidationCodes.ExpressionSyntax,
                    task,
                    $"{setting} of {Describe.NodeLower(task)} has the item \"{item}\", which is neither a name nor one whole ${{...}} expression (text around it, or the closing }} missing). Write the whole item as an expression, e.g. ${{'officer@' + unitId}}.");
            }
        }
    }

    private static void CheckExpression(Node node, string setting, string? expression, ProblemCollector problems, bool required = false)
    {
        if (expression is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(JavaScriptSyntax.Unwrap(expression)))
        {
            if (required)
            {
                problems.Error(
                    ValidationCodes.EmptyExpression,
                    node,
                    $"{setting} of {Describe.NodeLower(node)} is empty. Write a JavaScript expression over the case variables, or remove the setting.");
            }

            return;
        }

        var error = JavaScriptSyntax.CheckExpression(expression);
        if (error is not null)
        {
            problems.Error(
                ValidationCodes.ExpressionSyntax,
                node,
                $"{setting} of {Describe.NodeLower(node)} is not valid JavaScript: {Explain(error, expression)} Fix the expression.");
        }
    }

    private static string Explain(JavaScriptSyntax.SyntaxError error, string text)
    {
        var shown = text.Trim().ReplaceLineEndings(" ");
        if (shown.Length > 80)
        {
            shown = string.Concat(shown.AsSpan(0, 77), "...");
        }

        return $"{error.Description.TrimEnd('.')} at line {error.Line}, column {error.Column} of \"{shown}\".";
    }
}
