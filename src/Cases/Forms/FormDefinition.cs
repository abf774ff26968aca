using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Forms;

/// <summary>
/// A task form (<c>tg:formKey</c> on a user task): what the inbox shows and what completing the task may submit.
/// Immutable once loaded; field names are unique and every <see cref="FormField.RequiredWhen"/> names a field of
/// the same form.
/// </summary>
public sealed record FormDefinition(string Key, LocalizedName Title, IReadOnlyList<FormField> Fields)
{
    /// <summary>The field with this name (ordinal, case-sensitive: names become process variables), or null.</summary>
    public FormField? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

/// <summary>
/// One field. The limits hold their effective values (defaults applied by the loader), so a client can show them;
/// those that do not apply to <see cref="Type"/> are null.
/// </summary>
public sealed record FormField(string Name, FormFieldType Type, LocalizedName Label)
{
    /// <summary>The value must be present (for a boolean: true or false; for a list: at least one item).</summary>
    public bool Required { get; init; }

    /// <summary>The value must be present when another field has a given value.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FormCondition? RequiredWhen { get; init; }

    /// <summary>text, textarea, caseNumber: the most characters (Unicode code points) allowed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxLength { get; init; }

    /// <summary>number: the smallest value allowed (inclusive).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Min { get; init; }

    /// <summary>number: the largest value allowed (inclusive).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Max { get; init; }

    /// <summary>orgUnits, attachments: the fewest items a non-empty list must have.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinItems { get; init; }

    /// <summary>orgUnits, attachments: the most items allowed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxItems { get; init; }

    /// <summary>choice: the allowed values, in display order; null for every other type.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FormOption>? Options { get; init; }
}

/// <summary>One allowed value of a choice field and its label.</summary>
public sealed record FormOption(string Value, LocalizedName Label);

/// <summary>
/// "Required when <see cref="Field"/> equals <see cref="Value"/>"; <see cref="Value"/> is a <see cref="string"/> or a
/// <see cref="bool"/> (written as <c>equals</c> in the form file and the API).
/// </summary>
public sealed record FormCondition(string Field, [property: JsonPropertyName("equals")] object Value)
{
    /// <summary>True when a submitted value equals <see cref="Value"/> (same JSON kind and value).</summary>
    public bool IsMetBy(JsonNode? submitted)
    {
        if (submitted is not JsonValue value)
        {
            return false;
        }

        return Value switch
        {
            bool flag => value.GetValueKind() == (flag ? JsonValueKind.True : JsonValueKind.False),
            string text => value.GetValueKind() == JsonValueKind.String
                && (value.TryGetValue<string>(out var submittedText) ? submittedText : value.Deserialize<string>()) == text,
            _ => false,
        };
    }

    public override string ToString() => Value is bool flag ? $"{Field} = {(flag ? "true" : "false")}" : $"{Field} = '{Value}'";
}

/// <summary>The kinds of field a form may hold; written in camelCase in form files (<c>orgUnit</c>, <c>caseNumber</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FormFieldType>))]
public enum FormFieldType
{
    /// <summary>One line of plain text; default maxLength 200.</summary>
    [JsonStringEnumMemberName("text")]
    Text,

    /// <summary>Several lines of plain text; default maxLength 4000.</summary>
    [JsonStringEnumMemberName("textarea")]
    Textarea,

    /// <summary>A JSON number, optionally within min..max.</summary>
    [JsonStringEnumMemberName("number")]
    Number,

    /// <summary>true or false.</summary>
    [JsonStringEnumMemberName("boolean")]
    Boolean,

    /// <summary>One of the field's option values.</summary>
    [JsonStringEnumMemberName("choice")]
    Choice,

    /// <summary>A calendar date, ISO 8601 <c>yyyy-MM-dd</c>.</summary>
    [JsonStringEnumMemberName("date")]
    Date,

    /// <summary>The id of an existing org unit.</summary>
    [JsonStringEnumMemberName("orgUnit")]
    OrgUnit,

    /// <summary>A list of distinct existing org unit ids.</summary>
    [JsonStringEnumMemberName("orgUnits")]
    OrgUnits,

    /// <summary>A case number (one line, no markup); whether the case exists is the caller's check.</summary>
    [JsonStringEnumMemberName("caseNumber")]
    CaseNumber,

    /// <summary>A list of distinct attachment ids (GUIDs); default maxItems 10.</summary>
    [JsonStringEnumMemberName("attachments")]
    Attachments,
}
