using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Execution;

/// <summary>Bookkeeping on the instance state: executions, bookmarks, journal and variables.</summary>
internal sealed partial class ExecutionRun
{
    private Execution NewExecution(string? parentId, Node node, ExecutionKind kind)
    {
        var execution = new Execution
        {
            Id = Guid.NewGuid().ToString("N"),
            ParentId = parentId,
            NodeId = node.Id,
            Kind = kind,
            EnteredAt = Now,
        };
        _state.Executions.Add(execution);
        return execution;
    }

    private void RemoveExecution(Execution execution)
    {
        _state.Executions.Remove(execution);
        _removed.Add(execution);
    }

    internal bool TryFind(string id, [NotNullWhen(true)] out Execution? execution)
    {
        foreach (var candidate in _state.Executions)
        {
            if (candidate.Id == id)
            {
                execution = candidate;
                return true;
            }
        }

        execution = null;
        return false;
    }

    private bool TryGetParent(Execution execution, [NotNullWhen(true)] out Execution? parent)
    {
        if (execution.ParentId is null)
        {
            parent = null;
            return false;
        }

        return TryFind(execution.ParentId, out parent);
    }

    private bool HasChildren(string executionId)
    {
        foreach (var candidate in _state.Executions)
        {
            if (candidate.ParentId == executionId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the execution is one instance of a multi-instance activity (its parent loops over the same node).</summary>
    private bool IsMultiInstanceChild(Execution execution) =>
        TryGetParent(execution, out var parent) && parent.Kind == ExecutionKind.MultiInstance && parent.NodeId == execution.NodeId;

    /// <summary>Cancels the executions below <paramref name="execution"/> and its bookmarks; with <paramref name="includeSelf"/> the execution too.</summary>
    private void CancelTree(Execution execution, bool includeSelf)
    {
        CancelChildren(execution);
        var ownId = execution.Id;
        RemoveBookmarks(b => b.ExecutionId == ownId);
        if (includeSelf && !_removed.Contains(execution))
        {
            Journal(JournalEventType.NodeCancelled, _model.Nodes.GetValueOrDefault(execution.NodeId), execution);
            RemoveExecution(execution);
        }
    }

    private void CancelChildren(Execution execution)
    {
        var children = _state.Executions.FindAll(e => e.ParentId == execution.Id);
        foreach (var child in children)
        {
            CancelTree(child, includeSelf: true);
        }
    }

    internal Bookmark AddBookmark(Execution execution, Node node, BookmarkKind kind)
    {
        var bookmark = new Bookmark
        {
            Id = Guid.CreateVersion7().ToString(),
            ExecutionId = execution.Id,
            NodeId = node.Id,
            Kind = kind,
            CreatedAt = Now,
        };
        _state.Bookmarks.Add(bookmark);
        Outcome.AddedBookmarks.Add(bookmark);
        return bookmark;
    }

    internal void RemoveBookmark(Bookmark bookmark)
    {
        if (!_state.Bookmarks.Remove(bookmark))
        {
            return;
        }

        // A bookmark made and removed within one call never existed for the stores.
        if (!Outcome.AddedBookmarks.Remove(bookmark))
        {
            Outcome.RemovedBookmarks.Add(bookmark);
        }

        if (bookmark is { Kind: BookmarkKind.CallActivity, ChildInstanceId: { } childId })
        {
            if (Outcome.ChildStarts.RemoveAll(c => c.ChildInstanceId == childId) == 0)
            {
                Outcome.CancelledChildInstances.Add(childId);
            }
        }
    }

    internal void RemoveBookmarks(Predicate<Bookmark> match)
    {
        if (_state.Bookmarks.Count == 0)
        {
            return;
        }

        foreach (var bookmark in _state.Bookmarks.FindAll(match))
        {
            RemoveBookmark(bookmark);
        }
    }

    internal void Journal(JournalEventType eventType, Node? node, Execution? execution, string? detail = null, JsonObject? data = null) =>
        Outcome.Journal.Add(new JournalEntry(
            _state.Id,
            _state.DefinitionKey,
            _state.DefinitionVersion,
            _state.BusinessKey,
            node?.Id,
            node?.ElementType,
            eventType,
            Now,
            _actor.Id,
            execution?.Id,
            detail,
            data));

    /// <summary>Execution-local variables from the outermost scope to <paramref name="execution"/>; null when there are none.</summary>
    private List<JsonObject>? LocalsOf(Execution execution)
    {
        List<JsonObject>? locals = null;
        var current = execution;
        while (true)
        {
            if (current.Variables is { Count: > 0 } variables)
            {
                (locals ??= []).Insert(0, variables);
            }

            if (!TryGetParent(current, out var parent))
            {
                return locals;
            }

            current = parent;
        }
    }

    /// <summary>Process variables overlaid by the execution's locals, as a new object (for handlers and child instances).</summary>
    private JsonObject VisibleVariables(Execution execution)
    {
        var result = (JsonObject)_state.Variables.DeepClone();
        var locals = LocalsOf(execution);
        if (locals is not null)
        {
            foreach (var layer in locals)
            {
                foreach (var (name, value) in layer)
                {
                    result[name] = value?.DeepClone();
                }
            }
        }

        return result;
    }

    private bool EvaluateCondition(Execution execution, string ownerId, string expression) =>
        _executor.Sandbox.EvaluateCondition(ownerId, expression, _state.Variables, LocalsOf(execution));

    private JsonNode? Evaluate(Execution execution, string ownerId, string expression) =>
        _executor.Sandbox.Evaluate(ownerId, expression, _state.Variables, LocalsOf(execution));

    /// <summary>A literal, or a <c>${expression}</c> evaluated to text.</summary>
    private string? LiteralOrExpression(Execution execution, string ownerId, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length >= 3 && (trimmed[0] == '$' || trimmed[0] == '#') && trimmed[1] == '{' && trimmed[^1] == '}')
        {
            return AsText(Evaluate(execution, ownerId, trimmed[2..^1]));
        }

        return trimmed;
    }

    private static string? AsText(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    /// <summary>Merges output into the process variables — or, for a multi-instance child, into its slot of <c>&lt;nodeId&gt;Results</c>.</summary>
    private void MergeOutput(Execution execution, JsonObject? output)
    {
        if (IsMultiInstanceChild(execution))
        {
            if (_state.Variables[ResultsVariable(execution.NodeId)] is JsonArray results && execution.LoopIndex is { } index && index < results.Count)
            {
                results[index] = output?.DeepClone() ?? new JsonObject();
            }

            return;
        }

        MergeIntoProcess(output);
    }

    private void MergeIntoProcess(JsonObject? output)
    {
        if (output is null)
        {
            return;
        }

        foreach (var (name, value) in output)
        {
            _state.Variables[name] = value?.DeepClone();
        }
    }

    internal static string ResultsVariable(string nodeId) => nodeId + "Results";
}
