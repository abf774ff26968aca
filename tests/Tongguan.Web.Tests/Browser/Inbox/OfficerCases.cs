using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Tongguan.Web.Tests.Browser.Inbox;

/// <summary>
/// Cases for the inbox journeys, made the way the city makes them: a 12345 agent files a report through the API and
/// the processes route it (definitions/reference: city-appearance problems in 春晖社区 go to Donghu's urban-management
/// bureau, D01-chengguan; the community's verifier checks them). Each journey uses its own grid cell and category so
/// the duplicate check never joins one journey's case to another's.
/// </summary>
public static class OfficerCases
{
    /// <summary>12345 hotline agent.</summary>
    public const string Agent = "wang.fang";

    /// <summary>Officer of Donghu's urban-management bureau (officer@D01-chengguan).</summary>
    public const string Officer = "wu.gang";

    /// <summary>Verifier of 春晖社区 (verifier@D01-S01-C01).</summary>
    public const string Verifier = "luo.hong";

    /// <summary>An officer of another district: 春晖社区's cases are outside his scope.</summary>
    public const string Stranger = "han.xue";

    /// <summary>A tiny real PNG (1×1, green), so the case page can show it.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>
    /// Playwright's 5 s for an expectation is too little on the shared 2-core build machine, where a page's first API
    /// answer can take longer than that; the journeys wait up to 30 s (the actions already have 20 s).
    /// </summary>
    public static void BeGenerous() => Assertions.SetDefaultExpectTimeout(30_000);

    /// <summary>
    /// Signs in through the sign-in form like <see cref="Journey.SignInAsync"/>, with a minute for every step: on the
    /// shared build machine the first page load alone can take longer than the default 20 s.
    /// </summary>
    public static async Task SignInPatientlyAsync(IPage page, string user)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Context.SetDefaultTimeout(60_000);
        page.Context.SetDefaultNavigationTimeout(60_000);
        await page.GotoAsync("account/login", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GetByTestId("user-name").FillAsync(user);
        await page.GetByTestId("password").FillAsync(WebAppServer.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("user").WaitForAsync();
    }

    /// <summary>Files a hotline report in a grid cell of 春晖社区 and answers the new case's number.</summary>
    public static async Task<string> FileAsync(WebAppServer server, string gridCell, string category, string text)
    {
        ArgumentNullException.ThrowIfNull(server);
        var (lat, lon) = Centroid(gridCell);
        using var agent = await ClientAsync(server, Agent);
        var response = await agent.PostAsJsonAsync("api/reports", new
        {
            channel = "Hotline12345", categoryCode = category, text = $"{text} {Guid.NewGuid().ToString("N")[..6]}",
            latitude = lat, longitude = lon, reporterName = "陈先生", reporterPhone = "138" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Filing the report failed: {(int)response.StatusCode} {body}");
        var filed = JsonNode.Parse(body)!.AsObject();
        Assert.True((string?)filed["outcome"] == "Filed", $"The report was not filed as a new case: {body}");
        return (string)filed["caseNumber"]!;
    }

    /// <summary>Completes the case's open task at <paramref name="nodeId"/> as <paramref name="user"/> through the inbox API.</summary>
    public static async Task CompleteAsync(WebAppServer server, string number, string nodeId, string user, object output)
    {
        using var client = await ClientAsync(server, user);
        var task = await OpenTaskAsync(client, number, nodeId);
        var response = await client.PostAsJsonAsync($"api/inbox/tasks/{Uri.EscapeDataString((string)task["id"]!)}/complete", new { output });
        Assert.True(response.IsSuccessStatusCode, $"Completing {nodeId} of {number} failed: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The case as the user sees it (GET /api/cases/{number}).</summary>
    public static async Task<JsonObject> CaseAsync(WebAppServer server, string number, string user = Agent)
    {
        using var client = await ClientAsync(server, user);
        return (await client.GetFromJsonAsync<JsonObject>($"api/cases/{Uri.EscapeDataString(number)}"))!;
    }

    private static async Task<JsonObject> OpenTaskAsync(HttpClient client, string number, string nodeId)
    {
        var detail = (await client.GetFromJsonAsync<JsonObject>($"api/cases/{Uri.EscapeDataString(number)}"))!;
        var task = detail["openTasks"]!.AsArray().FirstOrDefault(t => (string?)t!["nodeId"] == nodeId);
        Assert.True(task is not null, $"Case {number} has no open '{nodeId}' task: {detail["openTasks"]!.ToJsonString()}");
        return task!.AsObject();
    }

    /// <summary>An API client signed in as <paramref name="user"/> with a bearer token (POST /api/account/login).</summary>
    public static async Task<HttpClient> ClientAsync(WebAppServer server, string user)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        var login = await client.PostAsJsonAsync("api/account/login", new { userName = user, password = WebAppServer.Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())?["accessToken"]?.GetValue<string>();
        Assert.True(token is not null, $"{user} could not sign in: {(int)login.StatusCode}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The centre of a grid cell of the reference data (definitions/reference/org.json).</summary>
    private static (double Lat, double Lon) Centroid(string gridCell)
    {
        using var org = JsonDocument.Parse(File.ReadAllText(Path.Combine(EditorJourneyTests.RepositoryRoot(), "definitions", "reference", "org.json")));
        var cell = org.RootElement.GetProperty("gridCells").EnumerateArray().Single(c => c.GetProperty("id").GetString() == gridCell);
        var centroid = cell.GetProperty("centroid");
        return (centroid[1].GetDouble(), centroid[0].GetDouble());
    }
}
