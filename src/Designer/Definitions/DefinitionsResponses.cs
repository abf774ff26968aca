using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Runtime.Storage;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Designer.Definitions;

/// <summary>One definition key: its latest published version.</summary>
public sealed record DefinitionSummary(string Key, string? Name, int LatestVersion, DateTimeOffset PublishedAt, int VersionCount);

/// <summary>One immutable published version (without its XML; GET the version for that).</summary>
public sealed record DefinitionVersionResponse(Guid Id, string Key, int Version, string? Name, string ContentHash, DateTimeOffset PublishedAt, string PublishedBy)
{
    public static DefinitionVersionResponse From(DefinitionRecord d) => new(d.Id, d.Key, d.Version, d.Name, d.ContentHash, d.PublishedAt, d.PublishedBy);
}

/// <summary>A problem found in a BPMN file, addressed to the designer: where (element and line) and what to do.</summary>
public sealed record ProblemResponse(string Severity, string Code, string Message, string? ElementId, string? ElementType, int Line, int Column)
{
    public static ProblemResponse From(BpmnProblem p) =>
        new(p.Severity.ToString(), p.Code, p.Message, p.ElementId, p.ElementType, p.Line, p.Column);
}

public sealed record ValidationResponse(bool Valid, IReadOnlyList<ProblemResponse> Problems);

public sealed record PublishedVersionResponse(string Key, int Version, string? Name, bool IsNewVersion, DateTimeOffset PublishedAt);

public sealed record PublishResponse(IReadOnlyList<PublishedVersionResponse> Definitions, IReadOnlyList<ProblemResponse> Warnings)
{
    public static PublishResponse From(PublishResult result) => new(
        [.. result.Definitions.Select(d => new PublishedVersionResponse(
            d.Definition.Key, d.Definition.Version, d.Definition.Name, d.IsNewVersion, d.Definition.PublishedAt))],
        [.. result.Warnings.Select(ProblemResponse.From)]);
}

public sealed record DraftResponse(string Key, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>Moves one running instance to <see cref="TargetVersion"/>; tokens on a node move to
/// <c>NodeMapping[node]</c>, or to the node with the same id when unmapped.</summary>
public sealed record MigrateInstanceRequest(Guid InstanceId, int TargetVersion, Dictionary<string, string>? NodeMapping);

public sealed record MigratedInstanceResponse(Guid InstanceId, string DefinitionKey, int DefinitionVersion, string Status);
