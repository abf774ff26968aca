using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Open311;

/// <summary>The case host with a rate limit small enough for a test to reach.</summary>
internal static class Open311AppSetup
{
    public const int PostsPerMinute = 10;

    public static void Configure(IWebHostBuilder builder, FakeTimeProvider clock)
    {
        CaseAppSetup.Configure(builder, clock);
        builder.UseSetting("Tongguan:Open311:PostsPerMinute", PostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteOpen311App : SqliteApp, ICaseApp
{
    public FakeTimeProvider Clock { get; } = new(CaseAppSetup.Start);

    public IServiceProvider Services => Factory.Services;

    protected override void Configure(IWebHostBuilder builder) => Open311AppSetup.Configure(builder, Clock);
}

public sealed class PostgreSqlOpen311App : PostgreSqlApp, ICaseApp
{
    public FakeTimeProvider Clock { get; } = new(CaseAppSetup.Start);

    public IServiceProvider Services => Factory.Services;

    protected override void Configure(IWebHostBuilder builder) => Open311AppSetup.Configure(builder, Clock);
}

/// <summary>An Open311 client's side of the conversation: forms in, GeoReport v2 JSON or XML out.</summary>
internal static class Open311Client
{
    public const string Base = "/open311/v2";

    /// <summary>An admin creates a key for a client; the answer is the key itself.</summary>
    public static async Task<string> CreateKeyAsync(this ICaseApp app, string name = "test client")
    {
        var created = await (await app.CreateClient("admin").PostAsJsonAsync("/api/admin/open311-keys", new { name })).JsonAsync(HttpStatusCode.Created);
        return (string)created["key"]!;
    }

    public static Task<HttpResponseMessage> PostRequestAsync(this HttpClient client, string format, IEnumerable<KeyValuePair<string, string>> form, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/requests.{format}") { Content = new FormUrlEncodedContent(form) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, IEnumerable<KeyValuePair<string, string>> form, byte[] media, string fileName)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in form)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new ByteArrayContent(media), "media", fileName);
        return client.PostAsync($"{Base}/requests.json", content);
    }

    /// <summary>The body of a JSON answer with the expected status, and a JSON content type.</summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> Open311JsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return System.Text.Json.Nodes.JsonNode.Parse(body)!;
    }

    /// <summary>The root of an XML answer with the expected status; checks the declaration and content type the spec asks for.</summary>
    public static async Task<XElement> Open311XmlAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.Ordinal);
        return XDocument.Parse(body).Root!;
    }

    /// <summary>The spec's error array in JSON: each entry has exactly code and description.</summary>
    public static async Task<List<(int Code, string Description)>> Open311ErrorsAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var errors = (await response.Open311JsonAsync(status)).AsArray();
        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            Assert.Equal(["code", "description"], error!.AsObject().Select(p => p.Key));
        }

        return [.. errors.Select(e => ((int)e!["code"]!, (string)e["description"]!))];
    }

    public static IEnumerable<string> FieldNames(this XElement element) => element.Elements().Select(e => e.Name.LocalName);
}
