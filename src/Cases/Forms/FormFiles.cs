using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tongguan.Cases.Forms;

// The files as written (format in docs/designers/forms.md). Every member is nullable so that a missing value is
// reported by the loader with its path, instead of as a serializer error without context.
#pragma warning disable CA1812 // Instantiated by System.Text.Json.

internal sealed class FormLabelDto
{
    public string? Zh { get; init; }

    public string? En { get; init; }
}

internal sealed class FormOptionDto
{
    public string? Value { get; init; }

    public FormLabelDto? Label { get; init; }
}

internal sealed class FormConditionDto
{
    public string? Field { get; init; }

    // "Equals" would hide object.Equals; the file spells it "equals".
    [JsonPropertyName("equals")]
    public JsonElement? EqualTo { get; init; }
}

internal sealed class FormFieldDto
{
    public string? Name { get; init; }

    public string? Type { get; init; }

    public FormLabelDto? Label { get; init; }

    public bool? Required { get; init; }

    public FormConditionDto? RequiredWhen { get; init; }

    public int? MaxLength { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public List<FormOptionDto?>? Options { get; init; }
}

internal sealed class FormFileDto
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public string? Key { get; init; }

    public FormLabelDto? Title { get; init; }

    public List<FormFieldDto?>? Fields { get; init; }
}

#pragma warning restore CA1812

internal static class FormFiles
{
    public const string Extension = ".json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt property ("requiredwhen") would otherwise be ignored and the field silently optional.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and deserializes one file; on failure adds a problem (with the line for bad JSON) and returns null.</summary>
    public static FormFileDto? Read(string path, List<FormProblem> problems)
    {
        var file = Path.GetFileName(path);
        try
        {
            using var stream = File.OpenRead(path);
            var value = JsonSerializer.Deserialize<FormFileDto>(stream, Json);
            if (value is null)
            {
                problems.Add(new(file, "$", "the file holds null instead of a form object."));
            }

            return value;
        }
        catch (JsonException ex)
        {
            problems.Add(new(file, ex.Path ?? "$", $"line {(ex.LineNumber ?? 0) + 1}: {WithoutPosition(ex.Message)}"));
            return null;
        }
    }

    // System.Text.Json appends " Path: … | LineNumber: …" to its messages; the problem carries those already.
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}
