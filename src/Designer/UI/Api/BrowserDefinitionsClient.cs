using System.Net;
using System.Text.Json;
using Microsoft.JSInterop;
using Tongguan.Designer.Definitions;

namespace Tongguan.Designer.UI.Api;

/// <summary>
/// <see cref="IDefinitionsClient"/> over the browser's <c>fetch</c> (client/src/api.js): requests leave from the
/// user's browser with the user's own cookie, so the API's authentication and actor rules apply unchanged.
/// One per circuit (scoped).
/// </summary>
internal sealed class BrowserDefinitionsClient(IJSRuntime js) : IDefinitionsClient, IAsyncDisposable
{
    private const string ModulePath = "./_content/Tongguan.Designer/dist/api.js";
    private const string Base = "/api/definitions";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IJSObjectReference? _module;

    public async Task<IReadOnlyList<DefinitionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync("GET", Base, null, cancellationToken).ConfigureAwait(false);
        return Read<List<DefinitionSummary>>(Expect(response, HttpStatusCode.OK));
    }

    public async Task<IReadOnlyList<DefinitionVersionResponse>> VersionsAsync(string key, CancellationToken cancellationToken)
    {
        var response = await SendAsync("GET", $"{Base}/{Escape(key)}/versions", null, cancellationToken).ConfigureAwait(false);
        return response.Status == (int)HttpStatusCode.NotFound
            ? []
            : Read<List<DefinitionVersionResponse>>(Expect(response, HttpStatusCode.OK));
    }

    public async Task<string?> DraftXmlAsync(string key, CancellationToken cancellationToken)
    {
        var response = await SendAsync("GET", $"{Base}/{Escape(key)}/draft", null, cancellationToken).ConfigureAwait(false);
        return response.Status == (int)HttpStatusCode.NotFound ? null : Expect(response, HttpStatusCode.OK);
    }

    public async Task<string?> VersionXmlAsync(string key, int version, CancellationToken cancellationToken)
    {
        var response = await SendAsync("GET", $"{Base}/{Escape(key)}/versions/{version}", null, cancellationToken).ConfigureAwait(false);
        return response.Status == (int)HttpStatusCode.NotFound ? null : Expect(response, HttpStatusCode.OK);
    }

    public async Task<DraftResponse> SaveDraftAsync(string key, string xml, CancellationToken cancellationToken)
    {
        var response = await SendAsync("PUT", $"{Base}/{Escape(key)}/draft", xml, cancellationToken).ConfigureAwait(false);
        return Read<DraftResponse>(Expect(response, HttpStatusCode.OK));
    }

    public async Task<ValidationResponse> ValidateAsync(string xml, CancellationToken cancellationToken)
    {
        var response = await SendAsync("POST", $"{Base}/validate", xml, cancellationToken).ConfigureAwait(false);
        return response.Status == (int)HttpStatusCode.BadRequest
            ? new ValidationResponse(false, ProblemsOf(response.Body))
            : Read<ValidationResponse>(Expect(response, HttpStatusCode.OK));
    }

    public async Task<PublishOutcome> PublishDraftAsync(string key, CancellationToken cancellationToken)
    {
        var response = await SendAsync("POST", $"{Base}/{Escape(key)}/draft/publish", null, cancellationToken).ConfigureAwait(false);
        if (response.Status == (int)HttpStatusCode.BadRequest)
        {
            return new PublishOutcome(null, ProblemsOf(response.Body));
        }

        var body = response.Status == (int)HttpStatusCode.Created ? response.Body : Expect(response, HttpStatusCode.OK);
        var published = Read<PublishResponse>(body);
        return new PublishOutcome(published, published.Warnings);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync().ConfigureAwait(false);
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }

    /// <summary>The problems of a 400 problem-details body (<see cref="DefinitionProblems"/>); its detail when it lists none.</summary>
    internal static IReadOnlyList<ProblemResponse> ProblemsOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.TryGetProperty("problems", out var problems) && problems.ValueKind == JsonValueKind.Array)
        {
            return problems.Deserialize<List<ProblemResponse>>(Json) ?? [];
        }

        var detail = document.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        return [new ProblemResponse("Error", "HTTP400", detail ?? "The request was rejected.", null, null, 0, 0)];
    }

    private async Task<FetchResponse> SendAsync(string method, string url, string? body, CancellationToken cancellationToken)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", cancellationToken, ModulePath).ConfigureAwait(false);
        return await _module.InvokeAsync<FetchResponse>("send", cancellationToken, method, url, body, "application/xml").ConfigureAwait(false);
    }

    private static string Expect(FetchResponse response, HttpStatusCode status) =>
        response.Status == (int)status
            ? response.Body
            : throw new DefinitionsApiException($"The definitions API answered {response.Status}: {Shorten(response.Body)}");

    private static T Read<T>(string body) =>
        JsonSerializer.Deserialize<T>(body, Json) ?? throw new DefinitionsApiException("The definitions API answered with an empty body.");

    private static string Escape(string key) => Uri.EscapeDataString(key);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    internal sealed record FetchResponse(int Status, string Body);
}
