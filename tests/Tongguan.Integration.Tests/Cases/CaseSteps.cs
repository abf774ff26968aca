using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Cases;

/// <summary>The scenario language of the case tests: people of the reference data doing their part over HTTP.</summary>
internal static class CaseSteps
{
    public static ReferenceDataSnapshot Reference(this ICaseApp app) => app.Services.GetRequiredService<ReferenceDataSnapshot>();

    /// <summary>The centroid of a grid cell: a point certainly inside the city and inside that cell.</summary>
    public static (double Lat, double Lon) At(this ICaseApp app, string gridCellId)
    {
        var cell = app.Reference().FindGridCell(gridCellId) ?? throw new ArgumentException($"No grid cell {gridCellId}.", nameof(gridCellId));
        return (cell.Centroid.Lat, cell.Centroid.Lon);
    }

    public static object Report(string channel, string category, (double Lat, double Lon) at, string text, string? phone = null) =>
        new { channel, categoryCode = category, text, latitude = at.Lat, longitude = at.Lon, reporterPhone = phone, reporterName = "陈先生" };

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, object report, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> FileAsync(this HttpClient client, object report) =>
        await (await client.SubmitAsync(report)).JsonAsync(HttpStatusCode.Created);

    public static async Task<JsonObject> CaseAsync(this HttpClient client, string number) =>
        await (await client.GetAsync($"/api/cases/{number}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>The open tasks of a case, by node id.</summary>
    public static async Task<List<JsonObject>> OpenTasksAsync(this HttpClient client, string number, string nodeId)
    {
        var detail = await client.CaseAsync(number);
        return [.. detail["openTasks"]!.AsArray().Select(t => t!.AsObject()).Where(t => (string?)t["nodeId"] == nodeId)];
    }

    public static async Task<JsonObject> OpenTaskAsync(this HttpClient client, string number, string nodeId)
    {
        var tasks = await client.OpenTasksAsync(number, nodeId);
        var detail = await client.CaseAsync(number);
        Assert.True(tasks.Count == 1, $"Expected one open '{nodeId}' task of {number}; open: {string.Join(", ", detail["openTasks"]!.AsArray().Select(t => (string?)t!["nodeId"]))}");
        return tasks[0];
    }

    public static string Status(this JsonObject detail) => (string)detail["case"]!["status"]!;
}
