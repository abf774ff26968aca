using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Tongguan.Web.Tests.Browser.Intake;

/// <summary>The intake and dispatch journeys' people (definitions/reference/org.json) and their test data, set up through the API as the signed-in user.</summary>
public static class IntakeData
{
    /// <summary>12345 hotline agents.</summary>
    public const string Agent = "wang.fang";

    public const string OtherAgent = "liu.yang";

    /// <summary>The city command centre's dispatcher (dispatcher@TG-command).</summary>
    public const string Dispatcher = "zhang.wei";

    /// <summary>A grid cell's centroid by the cell's index in the grid map: a point certainly inside the city.</summary>
    public static async Task<(double Lat, double Lon)> CellCentreAsync(IPage page, string gridCellId)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.APIRequest.GetAsync("api/reference/grid-map");
        var map = JsonNode.Parse(await response.TextAsync())!;
        var cell = map["features"]!.AsArray().First(f => (string?)f!["id"] == gridCellId)!;
        var centroid = cell["properties"]!["centroid"]!.AsArray();
        return ((double)centroid[1]!, (double)centroid[0]!);
    }

    /// <summary>Files a report through <c>POST /api/reports</c> with the page's cookie; answers the case number.</summary>
    public static async Task<string> FileAsync(IPage page, string category, (double Lat, double Lon) at, string text, string channel = "Hotline12345")
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.APIRequest.PostAsync("api/reports", new APIRequestContextOptions
        {
            DataObject = new { channel, categoryCode = category, text, latitude = at.Lat, longitude = at.Lon, reporterName = "陈先生" },
        });
        var body = await response.TextAsync();
        Assert.True(response.Status == 201, $"Filing answered {response.Status}: {body}");
        return (string)JsonNode.Parse(body)!["caseNumber"]!;
    }

    public static async Task<JsonNode> CaseAsync(IPage page, string number)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.APIRequest.GetAsync($"api/cases/{number}");
        Assert.Equal(200, response.Status);
        return JsonNode.Parse(await response.TextAsync())!;
    }

    /// <summary>Fills a Blazor-bound input and fires its change event (Blazor's @bind listens to change, Playwright's fill sends input).</summary>
    public static async Task FillAsync(IPage page, string testId, string value)
    {
        ArgumentNullException.ThrowIfNull(page);
        var field = page.GetByTestId(testId);
        await field.FillAsync(value);
        await field.DispatchEventAsync("change");
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A short random tag that keeps the texts of different runs and tests apart.</summary>
    public static string Tag() => Guid.NewGuid().ToString("N")[..4];
}
