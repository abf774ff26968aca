using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tongguan.Cases.Forms;

/// <summary>
/// Checks the <c>output</c> a task is completed with against the task's form. The result has the shape
/// <c>TypedResults.ValidationProblem</c> takes: field name → messages in English, empty when the data is valid. Every problem is reported, not just the first.
/// </summary>
public static class FormValidation
{
    /// <param name="form">The task's form.</param>
    /// <param name="data">The submitted values; null is the same as an empty object.</param>
    /// <param name="orgUnitExists">Whether an org unit id exists (the reference data's org tree).</param>
    public static IDictionary<string, string[]> Validate(FormDefinition form, JsonObject? data, Func<string, bool> orgUnitExists)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(orgUnitExists);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        data ??= [];
        foreach (var (name, _) in data)
        {
            if (form.FindField(name) is null)
            {
                Add(errors, name, $"'{name}' is not a field of form '{form.Key}'.");
            }
        }

        foreach (var field in form.Fields)
        {
            var value = data.TryGetPropertyValue(field.Name, out var node) ? node : null;
            if (IsEmpty(value))
            {
                if (field.Required)
                {
                    Add(errors, field.Name, $"'{field.Name}' is required.");
                }
                else if (field.RequiredWhen is { } condition && condition.IsMetBy(data[condition.Field]))
                {
                    Add(errors, field.Name, $"'{field.Name}' is required when '{condition.Field}' is {Show(condition.Value)}.");
                }

                continue;
            }

            foreach (var message in Check(field, value!, orgUnitExists))
            {
                Add(errors, field.Name, message);
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    // Absent, null, a blank string and an empty list all mean "not filled in".
    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => string.IsNullOrWhiteSpace(Text(v)),
        _ => false,
    };

    private static IEnumerable<string> Check(FormField field, JsonNode value, Func<string, bool> orgUnitExists)
    {
        var name = field.Name;
        switch (field.Type)
        {
            case FormFieldType.Text:
            case FormFieldType.Textarea:
            case FormFieldType.CaseNumber:
                if (Text(value) is not { } text)
                {
                    yield return $"'{name}' must be text.";
                    yield break;
                }

                if (text.EnumerateRunes().Count() > field.MaxLength)
                {
                    yield return $"'{name}' is too long: at most {field.MaxLength} characters, this has {text.EnumerateRunes().Count()}.";
                    yield break;
                }

                if (field.Type != FormFieldType.Textarea && text.AsSpan().IndexOfAny('\n', '\r') >= 0)
                {
                    yield return $"'{name}' must be a single line.";
                }

                if (PlainText.Problem(text) is { } problem)
                {
                    yield return $"'{name}' {problem}";
                }

                break;

            case FormFieldType.Number:
                if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number
                    || !decimal.TryParse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
                {
                    yield return $"'{name}' must be a number.";
                }
                else if (amount < field.Min || amount > field.Max)
                {
                    yield return $"'{name}' must be {Range(field)}; got {amount.ToString(CultureInfo.InvariantCulture)}.";
                }

                break;

            case FormFieldType.Boolean:
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    yield return $"'{name}' must be true or false.";
                }

                break;

            case FormFieldType.Choice:
                var options = field.Options ?? [];
                if (Text(value) is not { } choice || !options.Any(o => o.Value == choice))
                {
                    yield return $"'{name}' must be one of: {string.Join(", ", options.Select(o => o.Value))}; got {Show(value)}.";
                }

                break;

            case FormFieldType.Date:
                if (Text(value) is not { } date
                    || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    yield return $"'{name}' must be a date written yyyy-MM-dd, e.g. 2025-03-31; got {Show(value)}.";
                }

                break;

            case FormFieldType.OrgUnit:
                if (Text(value) is not { } unit)
                {
                    yield return $"'{name}' must be an org unit id (text).";
                }
                else if (!orgUnitExists(unit))
                {
                    yield return $"'{name}': there is no org unit '{Shorten(unit)}'.";
                }

                break;

            case FormFieldType.OrgUnits:
                foreach (var message in CheckList(field, value, "org unit ids", item =>
                    orgUnitExists(item) ? null : $"'{field.Name}': there is no org unit '{Shorten(item)}'."))
                {
                    yield return message;
                }

                break;

            case FormFieldType.Attachments:
                foreach (var message in CheckList(field, value, "attachment ids", item =>
                    Guid.TryParseExact(item, "D", out _) ? null : $"'{field.Name}': '{Shorten(item)}' is not an attachment id (a GUID like 3f2504e0-4f89-11d3-9a0c-0305e82c3301)."))
                {
                    yield return message;
                }

                break;

            default:
                throw new InvalidOperationException($"Field type {field.Type} has no validation rule.");
        }
    }

    private static IEnumerable<string> CheckList(FormField field, JsonNode value, string what, Func<string, string?> checkItem)
    {
        var name = field.Name;
        if (value is not JsonArray array)
        {
            yield return $"'{name}' must be a list of {what}.";
            yield break;
        }

        if (array.Count < field.MinItems)
        {
            yield return $"'{name}' needs at least {field.MinItems} item(s), this has {array.Count}.";
        }

        if (array.Count > field.MaxItems)
        {
            yield return $"'{name}' allows at most {field.MaxItems} item(s), this has {array.Count}.";
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (Text(array[i]) is not { } item)
            {
                yield return $"'{name}' item {i + 1} must be text, not {Show(array[i])}.";
            }
            else if (!seen.Add(item))
            {
                yield return $"'{name}' lists '{Shorten(item)}' twice.";
            }
            else if (checkItem(item) is { } problem)
            {
                yield return problem;
            }
        }
    }

    // A value parsed from a request holds a JsonElement; one built in code may hold a Guid or a char, which
    // GetValue<string> refuses but which are strings in JSON all the same.
    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.TryGetValue<string>(out var text) ? text : value.Deserialize<string>()
            : null;

    private static string Range(FormField field) => (field.Min, field.Max) switch
    {
        ({ } min, { } max) => $"between {Number(min)} and {Number(max)}",
        ({ } min, null) => $"at least {Number(min)}",
        (null, { } max) => $"at most {Number(max)}",
        _ => "a number",
    };

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(object? value) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        string text => $"'{Shorten(text)}'",
        JsonNode node when Text(node) is { } text => $"'{Shorten(text)}'",
        JsonArray => "a list",
        JsonObject => "an object",
        JsonNode node => Shorten(node.ToJsonString()),
        _ => Shorten(value.ToString() ?? ""),
    };

    // Echoing a user's value keeps the message clear; echoing all of a long one does not.
    private static string Shorten(string text)
    {
        const int Longest = 60;
        if (text.Length <= Longest)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[Longest - 4]) ? Longest - 4 : Longest - 3;
        return text[..cut] + "…";
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }
}
