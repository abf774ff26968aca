using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Tongguan.Cases.UI.Api;

/// <summary>What the API answered: the status, the body as text, and the problem when it refused.</summary>
public sealed record ApiReply(int Status, string Body, string ContentType)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsSuccess => Status is >= 200 and < 300;

    public T Read<T>() => JsonSerializer.Deserialize<T>(Body, Json)
        ?? throw new ApiException(new ApiProblem(Status, "Empty answer", $"The API answered {Status} without a body.", null));

    /// <summary>The RFC 7807 problem the API answered with, or a generic one worded from the status.</summary>
    public ApiProblem Problem()
    {
        if (ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) && Body.Length > 0)
        {
            try
            {
                var problem = JsonSerializer.Deserialize<ApiProblem>(Body, Json);
                if (problem is not null && (problem.Title is not null || problem.Detail is not null))
                {
                    return problem with { Status = Status };
                }
            }
            catch (JsonException)
            {
                // Not a problem document: fall through to the generic wording.
            }
        }

        return new ApiProblem(Status, ((HttpStatusCode)Status).ToString(), null, null);
    }
}

/// <summary>An RFC 7807 problem (with validation errors when the API sent them).</summary>
public sealed record ApiProblem(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>One line for a snackbar or an alert: the detail, else the title, then the first validation errors.</summary>
    public string Message
    {
        get
        {
            var head = Detail ?? Title ?? $"HTTP {Status}";
            return Errors is { Count: > 0 }
                ? head + " " + string.Join(" ", Errors.SelectMany(e => e.Value).Take(3))
                : head;
        }
    }
}

public sealed class ApiException(ApiProblem problem) : Exception(problem.Message)
{
    public ApiProblem Problem { get; } = problem;
}

/// <summary>
/// Tongguan's HTTP API called from the user's browser (dist/cases.js, <c>tongguan.api</c>): requests carry the user's
/// own cookie, so the pages get exactly the API's authentication, roles, org scope, masking and audit — no second
/// path to the data to keep in step. One per circuit (scoped); usable once the page is interactive.
/// </summary>
public sealed class BrowserApi(IJSRuntime js)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiReply> SendAsync(string method, string url, string? body, string? contentType, CancellationToken cancellationToken) =>
        js.InvokeAsync<ApiReply>("tongguan.api.send", cancellationToken, method, url, body, contentType).AsTask();

    /// <summary>GET and read JSON; a refusal becomes an <see cref="ApiException"/> carrying the problem.</summary>
    public async Task<T> GetAsync<T>(string url, CancellationToken cancellationToken)
    {
        var reply = await SendAsync("GET", url, null, null, cancellationToken).ConfigureAwait(false);
        return reply.IsSuccess ? reply.Read<T>() : throw new ApiException(reply.Problem());
    }

    /// <summary>GET that answers null on 404 (a case out of the caller's scope looks exactly like a missing one).</summary>
    public async Task<T?> FindAsync<T>(string url, CancellationToken cancellationToken)
        where T : class
    {
        var reply = await SendAsync("GET", url, null, null, cancellationToken).ConfigureAwait(false);
        return reply.Status == (int)HttpStatusCode.NotFound ? null
            : reply.IsSuccess ? reply.Read<T>() : throw new ApiException(reply.Problem());
    }

    /// <summary>POST/PUT a JSON body; the raw reply, so the page can show the problem beside the form.</summary>
    public Task<ApiReply> SendJsonAsync(string method, string url, object? body, CancellationToken cancellationToken) =>
        SendAsync(method, url, body is null ? null : JsonSerializer.Serialize(body, body.GetType(), Json), "application/json", cancellationToken);

    /// <summary>Multipart POST of the files chosen in <paramref name="fileInput"/> plus plain fields, straight from the browser.</summary>
    public Task<ApiReply> UploadAsync(string url, ElementReference fileInput, string fileField, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken) =>
        js.InvokeAsync<ApiReply>("tongguan.api.upload", cancellationToken, url, fileInput, fileField, fields).AsTask();

    /// <summary>Lets the browser download an export (CSV, XLSX, XES) with the user's cookie.</summary>
    public Task DownloadAsync(string url, CancellationToken cancellationToken) =>
        js.InvokeVoidAsync("tongguan.api.download", cancellationToken, url).AsTask();
}
