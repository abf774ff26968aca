using System.Net;
using System.Text.Json;
using Microsoft.JSInterop;

namespace Tongguan.Designer.UI.Api;

/// <summary>
/// <see cref="IProcessInstancesClient"/> over the browser's <c>fetch</c> (client/src/api.js), with the user's own
/// cookie, like <see cref="BrowserDefinitionsClient"/>. One per circuit (scoped).
/// </summary>
internal sealed class BrowserProcessInstancesClient(IJSRuntime js) : IProcessInstancesClient, IAsyncDisposable
{
    private const string ModulePath = "./_content/Tongguan.Designer/dist/api.js";
    private const string Base = "/api/process-instances";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IJSObjectReference? _module;

    public async Task<IReadOnlyList<InstanceSummaryView>> ListAsync(string definitionKey, int take, CancellationToken cancellationToken)
    {
        var url = $"{Base}?definitionKey={Uri.EscapeDataString(definitionKey)}&take={take}";
        var response = await SendAsync(url, cancellationToken).ConfigureAwait(false);
        return Read<List<InstanceSummaryView>>(Expect(response));
    }

    public async Task<InstanceView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var response = await SendAsync($"{Base}/{id}", cancellationToken).ConfigureAwait(false);
        return response.Status == (int)HttpStatusCode.NotFound ? null : Read<InstanceView>(Expect(response));
    }

    public async Task<IReadOnlyList<JournalLineView>> JournalAsync(Guid id, CancellationToken cancellationToken)
    {
        var response = await SendAsync($"{Base}/{id}/journal", cancellationToken).ConfigureAwait(false);
        return response.Status == (int)HttpStatusCode.NotFound ? [] : Read<List<JournalLineView>>(Expect(response));
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

    private async Task<BrowserDefinitionsClient.FetchResponse> SendAsync(string url, CancellationToken cancellationToken)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", cancellationToken, ModulePath).ConfigureAwait(false);
        return await _module.InvokeAsync<BrowserDefinitionsClient.FetchResponse>("send", cancellationToken, "GET", url, null, null).ConfigureAwait(false);
    }

    private static string Expect(BrowserDefinitionsClient.FetchResponse response) =>
        response.Status == (int)HttpStatusCode.OK
            ? response.Body
            : throw new DefinitionsApiException($"The process instance API answered {response.Status}.");

    private static T Read<T>(string body) =>
        JsonSerializer.Deserialize<T>(body, Json) ?? throw new DefinitionsApiException("The process instance API answered with an empty body.");
}
