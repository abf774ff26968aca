using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Access;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.ReferenceData;

/// <summary>The endpoints over HTTP on an in-memory server with only this module: binding, status codes and JSON.</summary>
public sealed class ReferenceDataEndpointsTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        builder.Services.AddReferenceData(o => o.Folder = ShippedReferenceData.Folder);
        // The slice's shape is under test here; who may call it is the host's matrix test (Security/EndpointMatrixTests).
        builder.Services.AddAuthorization(o => o.AddPolicy(Policies.Staff, p => p.RequireAssertion(_ => true)));
        _app = builder.Build();
        _app.UseAuthorization();
        _app.MapReferenceData();
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
    public async Task GridCells_LocatesAPoint()
    {
        using var json = await GetJsonAsync("/api/reference/grid-cells?lat=31.155&lon=121.365", HttpStatusCode.OK);

        Assert.Equal("D01-S01-C01-G01", json.RootElement.GetProperty("cell").GetProperty("id").GetString());
        Assert.Equal("District", json.RootElement.GetProperty("district").GetProperty("level").GetString());
    }

    [Fact]
    public async Task GridMap_GivesEveryCellAsAClosedGeoJsonPolygonWithItsUnits()
    {
        using var json = await GetJsonAsync("/api/reference/grid-map", HttpStatusCode.OK);

        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(ShippedReferenceData.Snapshot.GridCells.Count, features.Count);
        var first = features.Single(f => f.GetProperty("id").GetString() == "D01-S01-C01-G01");
        var ring = first.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().ToList();
        Assert.Equal(ring[0].ToString(), ring[^1].ToString());
        // GeoJSON order is [lon, lat].
        Assert.Equal(121.36, ring[0][0].GetDouble(), 6);
        Assert.Equal(31.15, ring[0][1].GetDouble(), 6);
        Assert.Equal("D01-S01", first.GetProperty("properties").GetProperty("street").GetString());
        Assert.Equal("D01", first.GetProperty("properties").GetProperty("district").GetString());
    }

    [Fact]
    public async Task GridCells_AnswersProblemDetails_ForBadCoordinates()
    {
        using var response = await Client.GetAsync(new Uri("/api/reference/grid-cells?lat=abc&lon=121.4", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lat", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrgUnit_AnswersNotFoundProblem_ForAnUnknownId()
    {
        using var response = await Client.GetAsync(new Uri("/api/reference/org-units/D09", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Categories_WriteKindsAsText()
    {
        using var json = await GetJsonAsync("/api/reference/categories", HttpStatusCode.OK);

        var first = json.RootElement[0];
        Assert.Equal("B01", first.GetProperty("code").GetString());
        Assert.Equal("Component", first.GetProperty("kind").GetString());
        Assert.Equal("上水井盖", first.GetProperty("categories")[0].GetProperty("names").GetProperty("zh").GetString());
    }

    [Fact]
    public async Task Routing_ExplainsTheDecision()
    {
        using var json = await GetJsonAsync("/api/reference/routing?category=B0106&lat=31.155&lon=121.485", HttpStatusCode.OK);

        Assert.Equal("TG-shuiwu", json.RootElement.GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal("Routed", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("city-department", json.RootElement.GetProperty("ruleId").GetString());
    }

    private async Task<JsonDocument> GetJsonAsync(string url, HttpStatusCode expected)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
