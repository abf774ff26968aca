using Tongguan.Designer.Definitions;

namespace Tongguan.Designer.UI.Api;

/// <summary>
/// The editor's view of the definitions API (<c>/api/definitions</c>, <see cref="DefinitionsApi"/>). The pages never
/// touch the engine directly: what a designer sees is exactly what any API client gets.
/// </summary>
public interface IDefinitionsClient
{
    Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The published versions of <paramref name="key"/>, oldest first; empty when none is published.</summary>
    Task<IReadOnlyList<DefinitionVersionResponse>> VersionsAsync(string key, CancellationToken cancellationToken);

    /// <summary>The draft's XML, or <see langword="null"/> when the key has no draft.</summary>
    Task<string?> DraftXmlAsync(string key, CancellationToken cancellationToken);

    /// <summary>One published version's XML, or <see langword="null"/> when there is no such version.</summary>
    Task<string?> VersionXmlAsync(string key, int version, CancellationToken cancellationToken);

    Task<DraftResponse> SaveDraftAsync(string key, string xml, CancellationToken cancellationToken);

    /// <summary>The engine's verdict on <paramref name="xml"/>: valid (maybe with warnings) or every problem found.</summary>
    Task<ValidationResponse> ValidateAsync(string xml, CancellationToken cancellationToken);

    /// <summary>Publishes the key's draft; a rejected draft comes back with its problems, not as an exception.</summary>
    Task<PublishOutcome> PublishDraftAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Either the published versions or the problems that stopped publishing.</summary>
public sealed record PublishOutcome(PublishResponse? Published, IReadOnlyList<ProblemResponse> Problems)
{
    public bool Succeeded => Published is not null;
}

/// <summary>The API answered with a status the editor cannot handle (server error, unexpected 4xx).</summary>
public sealed class DefinitionsApiException(string message) : Exception(message);
