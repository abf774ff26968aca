using System.Text.Json;
using System.Text.Json.Nodes;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Validation;

namespace Tongguan.Workflows.Execution;

/// <summary>Resolves a user task's candidate groups and users when the task is created.</summary>
internal sealed partial class ExecutionRun
{
    /// <summary>
    /// Literal items as written; <c>${expr}</c> items evaluated in the task's execution scope, giving a string (read as a
    /// comma-separated list), an array of strings, or null/undefined (nothing). Trimmed, de-duplicated, order kept;
    /// null when nothing is left.
    /// </summary>
    private List<string>? ResolveCandidates(Execution execution, TaskNode task, string setting, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return null;
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!JavaScriptSyntax.IsWrapped(item))
            {
                AddNames(names, seen, item);
                continue;
            }

            var value = Evaluate(execution, task.Id, JavaScriptSyntax.Unwrap(item));
            switch (value)
            {
                case null:
                    break;
                case JsonValue text when text.TryGetValue<string>(out var list):
                    AddNames(names, seen, list);
                    break;
                case JsonArray array:
                    foreach (var element in array)
                    {
                        if (element is not JsonValue member || !member.TryGetValue<string>(out var name))
                        {
                            throw new ExpressionException(task.Id, item,
                                $"{setting} of user task '{task.Id}' gave an array holding {KindOf(element)}; expected only strings");
                        }

                        AddNames(names, seen, name);
                    }

                    break;
                default:
                    throw new ExpressionException(task.Id, item,
                        $"{setting} of user task '{task.Id}' gave {KindOf(value)}; expected a string, an array of strings, or null");
            }
        }

        return names.Count > 0 ? names : null;
    }

    private static void AddNames(List<string> names, HashSet<string> seen, string list)
    {
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (seen.Add(name))
            {
                names.Add(name);
            }
        }
    }

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        _ => "a value of another type",
    };
}
