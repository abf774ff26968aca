using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Tongguan.Integration.Tests.Http;

/// <summary>Small helpers over the JSON API so that tests read as the scenario they check.</summary>
internal static class ApiClient
{
    public static async Task<JsonObject> StartAsync(this HttpClient client, string key, string businessKey, object? variables = null)
    {
        var response = await client.PostAsJsonAsync("/api/process-instances", new { definitionKey = key, businessKey, variables });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<JsonObject> GetInstanceAsync(this HttpClient client, string instanceId) =>
        await (await client.GetAsync($"/api/process-instances/{instanceId}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>The single open task of a business key.</summary>
    public static async Task<JsonObject> SingleOpenTaskAsync(this HttpClient client, string businessKey)
    {
        var page = await (await client.GetAsync($"/api/tasks?businessKey={Uri.EscapeDataString(businessKey)}&status=Open&status=Assigned"))
            .JsonAsync(HttpStatusCode.OK);
        return Assert.Single(page["items"]!.AsArray())!.AsObject();
    }

    public static Task<HttpResponseMessage> CompleteAsync(this HttpClient client, string taskId, object? output = null) =>
        client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { output });

    public static Task<HttpResponseMessage> PostXmlAsync(this HttpClient client, string url, string xml) =>
        client.PostAsync(url, new StringContent(xml, Encoding.UTF8, "application/xml"));

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response, HttpStatusCode? expected = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (expected is not null)
        {
            Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Asserts an RFC 7807 response with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.JsonAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        return problem;
    }
}
