using Tongguan.Workflows.Model;
using Tongguan.Workflows.Validation;

namespace Tongguan.Workflows.Execution;

/// <summary>Checks and applies the migration of a running instance to another version's model.</summary>
internal static class InstanceMigration
{
    public static IReadOnlyList<string> Check(ProcessModel from, ProcessModel to, InstanceState state,
        IReadOnlyDictionary<string, string> nodeMapping)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(nodeMapping);
        var reasons = new List<string>();
        if (state.Status != InstanceStatus.Running)
        {
            reasons.Add($"The instance is {state.Status.ToString().ToLowerInvariant()}; only running instances can be migrated.");
            return reasons;
        }

        var byId = state.Executions.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var execution in state.Executions)
        {
            CheckExecution(from, to, nodeMapping, byId, execution, reasons);
        }

        foreach (var bookmark in state.Bookmarks)
        {
            // Boundary bookmarks are re-armed from the target model; the others must find their node there.
            if (bookmark.AttachedToExecutionId is not null || !from.Nodes.TryGetValue(bookmark.NodeId, out var source))
            {
                continue;
            }

            var targetId = Map(nodeMapping, bookmark.NodeId);
            if (!to.Nodes.TryGetValue(targetId, out var target))
            {
                reasons.Add($"{Describe(source)} is waited on, but the new version has no node '{targetId}'; map it to an existing node.");
            }
            else if (!SameKind(source, target))
            {
                reasons.Add($"{Describe(source)} is waited on, but its target {Describe(target)} is a different kind of element.");
            }
        }

        return reasons.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void CheckExecution(ProcessModel from, ProcessModel to, IReadOnlyDictionary<string, string> nodeMapping,
        Dictionary<string, Execution> byId, Execution execution, List<string> reasons)
    {
        if (!from.Nodes.TryGetValue(execution.NodeId, out var source))
        {
            reasons.Add($"A token sits on '{execution.NodeId}', which the current version does not have; the instance does not match its model.");
            return;
        }

        var targetId = Map(nodeMapping, execution.NodeId);
        if (!to.Nodes.TryGetValue(targetId, out var target))
        {
            reasons.Add($"{Describe(source)} has work in progress, but the new version has no node '{targetId}'; map it to an existing node.");
            return;
        }

        if (!SameKind(source, target))
        {
            reasons.Add($"{Describe(source)} has work in progress, but its target {Describe(target)} is a different kind of element; map it to a {source.ElementType}.");
            return;
        }

        CheckScope(to, nodeMapping, byId, execution, source, target, reasons);

        var sourceLoop = (source as Activity)?.MultiInstance;
        var targetLoop = (target as Activity)?.MultiInstance;
        if (execution.Kind == ExecutionKind.MultiInstance && targetLoop is null)
        {
            reasons.Add($"{Describe(source)} is running as multi-instance, but its target {Describe(target)} is not multi-instance.");
        }
        else if (sourceLoop is null && targetLoop is not null)
        {
            reasons.Add($"{Describe(source)} runs once, but its target {Describe(target)} is multi-instance; finish the running task before migrating.");
        }

        if (execution.Kind == ExecutionKind.Joining && source is Gateway sourceJoin && target is Gateway targetJoin)
        {
            var sourceFlows = sourceJoin.Incoming.Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
            var targetFlows = targetJoin.Incoming.Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
            if (!sourceFlows.SequenceEqual(targetFlows, StringComparer.Ordinal))
            {
                reasons.Add($"Join {Describe(source)} has tokens waiting for its incoming flows ({string.Join(", ", sourceFlows)}), " +
                            $"but its target {Describe(target)} joins different flows ({string.Join(", ", targetFlows)}).");
            }
        }
    }

    /// <summary>An execution inside a sub-process (or a multi-instance parent) must land inside what its parent maps to.</summary>
    private static void CheckScope(ProcessModel to, IReadOnlyDictionary<string, string> nodeMapping, Dictionary<string, Execution> byId,
        Execution execution, Node source, Node target, List<string> reasons)
    {
        if (execution.ParentId is null || !byId.TryGetValue(execution.ParentId, out var parent))
        {
            if (!ReferenceEquals(target.Parent, to))
            {
                reasons.Add($"{Describe(source)} is at process level, but its target {Describe(target)} lies inside sub-process '{target.Parent.Id}'.");
            }

            return;
        }

        var parentTarget = Map(nodeMapping, parent.NodeId);
        if (parent.Kind == ExecutionKind.MultiInstance && parent.NodeId == execution.NodeId)
        {
            return;
        }

        if (target.Parent.Id != parentTarget || ReferenceEquals(target.Parent, to))
        {
            reasons.Add($"{Describe(source)} lies inside sub-process '{parent.NodeId}', which maps to '{parentTarget}', " +
                        $"but its target {Describe(target)} lies in '{target.Parent.Id}'; map it into '{parentTarget}'.");
        }
    }

    private static bool HasExpression(IReadOnlyList<string> candidates) => candidates.Any(JavaScriptSyntax.IsWrapped);

    public static void Apply(ExecutionRun run, ProcessModel from, ProcessModel to, IReadOnlyDictionary<string, string> nodeMapping)
    {
        var state = run.State;
        foreach (var bookmark in state.Bookmarks.Where(b => b.AttachedToExecutionId is not null).ToList())
        {
            run.RemoveBookmark(bookmark);
        }

        foreach (var execution in state.Executions)
        {
            execution.NodeId = Map(nodeMapping, execution.NodeId);
        }

        foreach (var bookmark in state.Bookmarks)
        {
            bookmark.NodeId = Map(nodeMapping, bookmark.NodeId);
            if (bookmark.Kind == BookmarkKind.UserTask && to.GetNode(bookmark.NodeId) is TaskNode task)
            {
                bookmark.TaskName = task.Name ?? task.Id;
                bookmark.FormKey = task.FormKey;
                // Migration evaluates no expressions: where the target computes its candidates, the ones resolved
                // when the task was created stay; static lists replace them.
                if (!HasExpression(task.CandidateGroups))
                {
                    bookmark.CandidateGroups = task.CandidateGroups.Count > 0 ? [.. task.CandidateGroups] : null;
                }

                if (!HasExpression(task.CandidateUsers))
                {
                    bookmark.CandidateUsers = task.CandidateUsers.Count > 0 ? [.. task.CandidateUsers] : null;
                }
            }
        }

        // Re-arm boundary events on every execution that runs a whole activity (not a multi-instance child).
        var byId = state.Executions.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var execution in state.Executions.ToList())
        {
            if (to.GetNode(execution.NodeId) is not Activity { BoundaryEvents.Count: > 0 } activity)
            {
                continue;
            }

            var isChild = execution.ParentId is not null && byId.TryGetValue(execution.ParentId, out var parent) &&
                          parent.Kind == ExecutionKind.MultiInstance && parent.NodeId == execution.NodeId;
            var isRunning = execution.Kind is ExecutionKind.Scope or ExecutionKind.MultiInstance ||
                            state.Bookmarks.Exists(b => b.ExecutionId == execution.Id);
            if (!isChild && isRunning)
            {
                run.ArmBoundaries(execution, activity, execution.EnteredAt);
            }
        }

        run.Journal(JournalEventType.InstanceMigrated, null, null, $"{from.Id} → {to.Id}",
            new System.Text.Json.Nodes.JsonObject
            {
                ["mapping"] = new System.Text.Json.Nodes.JsonObject(nodeMapping.Select(p =>
                    KeyValuePair.Create(p.Key, (System.Text.Json.Nodes.JsonNode?)p.Value))),
            });
    }

    private static string Map(IReadOnlyDictionary<string, string> nodeMapping, string nodeId) =>
        nodeMapping.TryGetValue(nodeId, out var target) ? target : nodeId;

    private static bool SameKind(Node source, Node target) =>
        source.ElementType == target.ElementType &&
        (source is not EventNode sourceEvent || target is not EventNode targetEvent || sourceEvent.Trigger == targetEvent.Trigger);

    private static string Describe(Node node) => $"{node.ElementType} '{node.Id}'";
}
