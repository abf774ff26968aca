using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tongguan.Cases.ReferenceData;

// The files as written (format in docs/reference-data.md). Every member is nullable so that a missing value is
// reported by the loader with its path, instead of as a serializer error without context.
#pragma warning disable CA1812 // Instantiated by System.Text.Json.

internal sealed class NameDto
{
    public string? Zh { get; init; }

    public string? En { get; init; }
}

internal sealed class LimitDto
{
    public string? Duration { get; init; }

    public string? Calendar { get; init; }
}

internal sealed class LimitsDto
{
    public LimitDto? Accept { get; init; }

    public LimitDto? Handle { get; init; }

    public LimitDto? Verify { get; init; }
}

internal sealed class LeafDto
{
    public string? Code { get; init; }

    public NameDto? Name { get; init; }

    public string? DepartmentType { get; init; }

    public LimitsDto? Limits { get; init; }
}

internal sealed class MajorDto
{
    public string? Code { get; init; }

    public NameDto? Name { get; init; }

    public string? DepartmentType { get; init; }

    public LimitsDto? Limits { get; init; }

    public List<LeafDto?>? Categories { get; init; }
}

internal sealed class CategoriesFileDto
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public List<MajorDto?>? Majors { get; init; }
}

internal sealed class DepartmentTypeDto
{
    public string? Code { get; init; }

    public NameDto? Name { get; init; }
}

internal sealed class UnitDto
{
    public string? Id { get; init; }

    public string? Level { get; init; }

    public string? Parent { get; init; }

    public NameDto? Name { get; init; }

    public string? DepartmentType { get; init; }
}

internal sealed class CellDto
{
    public string? Id { get; init; }

    public string? Community { get; init; }

    public List<double>? Centroid { get; init; }

    public List<List<double>?>? Polygon { get; init; }
}

internal sealed class UserDto
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public List<string?>? Roles { get; init; }

    public string? OrgUnit { get; init; }
}

internal sealed class OrgFileDto
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public List<DepartmentTypeDto?>? DepartmentTypes { get; init; }

    public List<UnitDto?>? Units { get; init; }

    public List<CellDto?>? GridCells { get; init; }

    public List<UserDto?>? Users { get; init; }
}

internal sealed class RuleDto
{
    public string? Id { get; init; }

    public string? Category { get; init; }

    public string? Area { get; init; }

    public string? Target { get; init; }

    public string? Note { get; init; }
}

internal sealed class RoutingFileDto
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public string? DispatcherUnit { get; init; }

    public List<RuleDto?>? Rules { get; init; }
}

#pragma warning restore CA1812

internal static class ReferenceDataFiles
{
    public const string Categories = "categories.json";
    public const string Org = "org.json";
    public const string Routing = "routing-rules.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt property would otherwise be ignored and its default silently used.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and deserializes one file; on failure adds a problem and returns null.</summary>
    public static T? Read<T>(string folder, string file, List<ReferenceDataProblem> problems)
        where T : class
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            problems.Add(new(file, "$", $"the file is missing from '{folder}'."));
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            var value = JsonSerializer.Deserialize<T>(stream, Json);
            if (value is null)
            {
                problems.Add(new(file, "$", "the file holds null instead of an object."));
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
