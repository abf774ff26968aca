using System.Globalization;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Designer.UI.Diff;

/// <summary>What happened to one element between two versions.</summary>
public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One property of an element that differs: <c>name</c>, <c>type</c>, <c>tg:timeLimit</c>, <c>target</c>…</summary>
public sealed record PropertyChange(string Property, string? Before, string? After);

/// <summary>
/// One element (node or sequence flow, by id) that was added, removed or changed. <see cref="Properties"/> lists the
/// differing properties of a changed element; for an added or removed one, every property it has.
/// </summary>
public sealed record ElementChange(string ElementId, string ElementType, string? Name, ChangeKind Kind, IReadOnlyList<PropertyChange> Properties);

/// <summary>
/// Compares two versions of a process as the engine reads them (<see cref="BpmnReader"/>), so what the diff shows
/// is what changes for running cases: ids, types, names, flow ends and conditions, timers, messages and every
/// <c>tg:</c> attribute. Diagram layout is not part of the engine's model and never shows up as a change.
/// </summary>
public static class ProcessDiff
{
    /// <summary>
    /// Reads both files and compares their process <paramref name="key"/> (the first executable process when the key
    /// is not found); <see langword="null"/> with the reason when either side has no readable process.
    /// </summary>
    public static IReadOnlyList<ElementChange>? Compare(string fromXml, string toXml, string key, out string error)
    {
        var from = ProcessOf(fromXml, key);
        var to = ProcessOf(toXml, key);
        if (from is null || to is null)
        {
            error = $"The engine cannot read process '{key}' in the {(from is null ? "first" : "second")} version.";
            return null;
        }

        error = "";
        return Compare(from, to);
    }

    /// <summary>Every element that differs: those of <paramref name="to"/> in document order, then the removed ones.</summary>
    public static IReadOnlyList<ElementChange> Compare(ProcessModel from, ProcessModel to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var before = Elements(from);
        var after = Elements(to);
        var changes = new List<ElementChange>();
        foreach (var (id, element) in after)
        {
            if (!before.TryGetValue(id, out var old))
            {
                changes.Add(new ElementChange(id, element.Type, element.Name, ChangeKind.Added, All(element, added: true)));
                continue;
            }

            var differences = old.Properties.Keys.Union(element.Properties.Keys, StringComparer.Ordinal)
                .Select(p => new PropertyChange(p, old.Properties.GetValueOrDefault(p), element.Properties.GetValueOrDefault(p)))
                .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))
                .OrderBy(c => c.Property, StringComparer.Ordinal)
                .ToList();
            if (differences.Count > 0)
            {
                changes.Add(new ElementChange(id, element.Type, element.Name ?? old.Name, ChangeKind.Changed, differences));
            }
        }

        changes.AddRange(before.Where(e => !after.ContainsKey(e.Key))
            .Select(e => new ElementChange(e.Key, e.Value.Type, e.Value.Name, ChangeKind.Removed, All(e.Value, added: false))));
        return changes;
    }

    private static ProcessModel? ProcessOf(string xml, string key)
    {
        var processes = BpmnReader.Read(xml).Processes;
        return processes.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal))
            ?? processes.FirstOrDefault(p => p.IsExecutable);
    }

    private static List<PropertyChange> All(Element element, bool added) =>
        [.. element.Properties.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => added ? new PropertyChange(p.Key, null, p.Value) : new PropertyChange(p.Key, p.Value, null))];

    private sealed record Element(string Type, string? Name, Dictionary<string, string?> Properties);

    // Insertion order is document order: the reader registers nodes and flows as it meets them.
    private static Dictionary<string, Element> Elements(ProcessModel process)
    {
        var elements = new Dictionary<string, Element>(StringComparer.Ordinal);
        foreach (var node in process.Nodes.Values)
        {
            elements[node.Id] = new Element(node.ElementType, node.Name, Describe(node));
        }

        foreach (var flow in process.Flows.Values)
        {
            elements[flow.Id] = new Element("sequenceFlow", flow.Name, Compact(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["type"] = "sequenceFlow",
                ["name"] = flow.Name,
                ["source"] = flow.Source.Id,
                ["target"] = flow.Target.Id,
                ["condition"] = flow.ConditionExpression,
                ["default"] = flow.IsDefault ? "true" : null,
            }));
        }

        return elements;
    }

    private static Dictionary<string, string?> Describe(Node node)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["type"] = node.ElementType,
            ["name"] = node.Name,
            ["parent"] = node.Parent is ProcessModel ? null : node.Parent?.Id,
        };
        foreach (var (name, value) in node.Extensions)
        {
            properties["tg:" + name] = value;
        }

        switch (node)
        {
            case BoundaryEvent boundary:
                properties["attachedTo"] = boundary.AttachedTo?.Id;
                properties["cancelActivity"] = boundary.CancelActivity ? null : "false";
                break;
            case TaskNode task:
                properties["script"] = task.Script;
                properties["message"] = task.Message?.Name;
                break;
            default:
                break;
        }

        if (node is EventNode trigger)
        {
            properties["trigger"] = trigger.Trigger == EventTrigger.None ? null : trigger.Trigger.ToString();
            properties["timer"] = trigger.Timer is { } timer ? $"{timer.Kind}: {timer.Expression}" : null;
            properties["message"] = trigger.Message?.Name;
            properties["error"] = trigger.Error is { } error ? error.Code ?? error.Id : null;
        }

        if (node is Activity activity && activity.MultiInstance is { } loop)
        {
            properties["multiInstance"] = string.Create(CultureInfo.InvariantCulture,
                $"{(loop.IsSequential ? "sequential" : "parallel")}; collection={loop.Collection}; element={loop.ElementVariable}; cardinality={loop.LoopCardinality}; completion={loop.CompletionCondition}");
        }

        return Compact(properties);
    }

    // A property absent on one side and null on the other is the same thing.
    private static Dictionary<string, string?> Compact(Dictionary<string, string?> properties)
    {
        foreach (var empty in properties.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            properties.Remove(empty);
        }

        return properties;
    }
}
