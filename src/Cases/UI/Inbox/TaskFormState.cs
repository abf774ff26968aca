using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tongguan.Cases.Forms;

namespace Tongguan.Cases.UI.Inbox;

/// <summary>
/// What the officer has typed into a task's form, and the task's output built from it. The page checks nothing
/// itself: the API validates against the same form definition and its problem details are shown beside the fields,
/// so the rules live in one place.
/// </summary>
public sealed class TaskFormState(FormDefinition form)
{
    private static readonly char[] ListSeparators = [',', '，', '、', ';', '；', ' ', '\n'];

    private readonly Dictionary<string, string?> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool?> _flags = new(StringComparer.Ordinal);

    public FormDefinition Form { get; } = form ?? throw new ArgumentNullException(nameof(form));

    /// <summary>The ids of the files uploaded for this task; they go into every attachments field.</summary>
    public List<Guid> Attachments { get; } = [];

    public string? Text(string field) => _text.GetValueOrDefault(field);

    public void SetText(string field, string? value) => _text[field] = value;

    public bool? Flag(string field) => _flags.GetValueOrDefault(field);

    public void SetFlag(string field, bool? value) => _flags[field] = value;

    /// <summary>Required now: always, or because the field it depends on has the value that makes it so.</summary>
    public bool IsRequired(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Required)
        {
            return true;
        }

        if (field.RequiredWhen is not { } when || Form.FindField(when.Field) is not { } other)
        {
            return false;
        }

        var expected = when.Value switch
        {
            JsonElement { ValueKind: JsonValueKind.True } => (object)true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
            var value => value,
        };
        return other.Type == FormFieldType.Boolean
            ? expected is bool flag && Flag(other.Name) == flag
            : expected is string text && string.Equals(Text(other.Name), text, StringComparison.Ordinal);
    }

    /// <summary>The output to complete the task with: the filled fields in their JSON kinds; empty ones are left out.</summary>
    public JsonObject ToOutput()
    {
        var output = new JsonObject();
        foreach (var field in Form.Fields)
        {
            if (ValueOf(field) is { } value)
            {
                output[field.Name] = value;
            }
        }

        return output;
    }

    private JsonNode? ValueOf(FormField field)
    {
        switch (field.Type)
        {
            case FormFieldType.Boolean:
                return Flag(field.Name) is { } flag ? JsonValue.Create(flag) : null;
            case FormFieldType.Attachments:
                return Attachments.Count == 0 ? null : new JsonArray([.. Attachments.Distinct().Select(id => (JsonNode?)JsonValue.Create(id.ToString()))]);
            case FormFieldType.OrgUnits:
                var units = SplitList(Text(field.Name));
                return units.Count == 0 ? null : new JsonArray([.. units.Select(u => (JsonNode?)JsonValue.Create(u))]);
            default:
                var text = Text(field.Name)?.Trim();
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }

                // A number that does not parse goes as typed: the API answers with the field's own message.
                return field.Type == FormFieldType.Number && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(text);
        }
    }

    /// <summary>Unit ids typed with commas (ASCII or Chinese), semicolons or spaces between them; each once.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        [.. (text ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
