using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Access;
using Tongguan.Cases.Forms;

namespace Tongguan.Cases.Tests.Forms;

/// <summary>The endpoints over HTTP on an in-memory server with only this module: binding, status codes and JSON.</summary>
public sealed class FormsEndpointsTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        builder.Services.AddForms(o => o.Folder = ShippedForms.Folder);
        // The slice's shape is under test here; who may call it is the host's matrix test (Security/EndpointMatrixTests).
        builder.Services.AddAuthorization(o => o.AddPolicy(Policies.Staff, p => p.RequireAssertion(_ => true)));
        _app = builder.Build();
        _app.UseAuthorization();
        _app.MapFormsApi();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task List_ReturnsEveryForm()
    {
        using var json = await GetJsonAsync("/api/forms", HttpStatusCode.OK);

        Assert.Equal(
            ShippedForms.Catalog.All.Select(f => f.Key),
            json.RootElement.EnumerateArray().Select(f => f.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Get_WritesTypesInCamelCase_AndOmitsLimitsThatDoNotApply()
    {
        using var json = await GetJsonAsync("/api/forms/escalation", HttpStatusCode.OK);

        var fields = json.RootElement.GetProperty("fields");
        var unit = fields.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "unitId");
        Assert.Equal("orgUnit", unit.GetProperty("type").GetString());
        Assert.False(unit.TryGetProperty("maxLength", out _));
        Assert.False(unit.TryGetProperty("options", out _));
        Assert.Equal("reassign", unit.GetProperty("requiredWhen").GetProperty("equals").GetString());
        Assert.Equal("升级处理", json.RootElement.GetProperty("title").GetProperty("zh").GetString());
    }

    [Fact]
    public async Task Get_WritesABooleanConditionAsABoolean()
    {
        using var json = await GetJsonAsync("/api/forms/verify", HttpStatusCode.OK);

        var remarks = json.RootElement.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "remarks");
        Assert.Equal(JsonValueKind.False, remarks.GetProperty("requiredWhen").GetProperty("equals").ValueKind);
        Assert.Equal(4000, remarks.GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task Get_AnswersNotFoundProblem_ForAnUnknownKey()
    {
        using var response = await Client.GetAsync(new Uri("/api/forms/no-such-form", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-form", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonDocument> GetJsonAsync(string url, HttpStatusCode expected)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
