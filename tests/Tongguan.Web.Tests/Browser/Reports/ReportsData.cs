using System.Text.Json;
using Microsoft.Playwright;

namespace Tongguan.Web.Tests.Browser.Reports;

/// <summary>
/// Test data for the report journeys, made through the real API as the people of the reference data would make it:
/// a hotline agent files a report, the responsible unit's officer accepts and handles it, the community's verifier
/// closes it. Each signed-in user is a browser context of its own (the API takes the same cookie the pages use).
/// </summary>
internal static class ReportsData
{
    public const string Auditor = "li.na";
    public const string DistrictAuditor = "sun.li";
    public const string DesignerAuditor = "zhou.ming";
    public const string Dispatcher = "zhang.wei";
    public const string Hotline = "wang.fang";

    private static readonly Lazy<Reference> City = new(Reference.Load);
    private static int _nextCell;

    /// <summary>Files a garbage report at a grid cell no earlier call used (so no duplicate check joins them); its case number.</summary>
    public static async Task<string> FileCaseAsync(WebAppServer server)
    {
        var (lat, lon) = City.Value.NextCell();
        return await AsAsync(server, Hotline, async api =>
        {
            var response = await api.PostAsync("api/reports", new APIRequestContextOptions
            {
                DataObject = new
                {
                    channel = "Hotline12345",
                    categoryCode = "S0102",
                    text = "垃圾桶满溢，请尽快清运 " + Guid.NewGuid().ToString("N")[..8],
                    latitude = lat,
                    longitude = lon,
                    reporterName = "陈先生",
                    reporterPhone = "13812345678",
                    // Other journeys on this server file cases nearby: the agent files this one as new whatever the
                    // duplicate check would suggest, so the KPIs move by exactly this case.
                    fileAsNew = true,
                },
            });
            var body = await response.TextAsync();
            Assert.True(response.Status == 201, $"Filing answered {response.Status}: {body}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal("Filed", json.RootElement.GetProperty("outcome").GetString());
            return json.RootElement.GetProperty("caseNumber").GetString()!;
        });
    }

    /// <summary>Accepts, handles and verifies the case, each step by a user of the task's candidate group.</summary>
    public static async Task CloseCaseAsync(WebAppServer server, string number)
    {
        await CompleteAsync(server, number, "accept", new { decision = "accept" });
        await CompleteAsync(server, number, "handle", new { outcome = "done", result = "已清运，垃圾桶已复位" });
        await CompleteAsync(server, number, "verify", new { verified = true });
        var status = await AsAsync(server, Hotline, async api => (await CaseAsync(api, number)).GetProperty("case").GetProperty("status").GetString());
        Assert.Equal("Closed", status);
    }

    public static async Task<string> FileAndCloseCaseAsync(WebAppServer server)
    {
        var number = await FileCaseAsync(server);
        await CloseCaseAsync(server, number);
        return number;
    }

    private static async Task CompleteAsync(WebAppServer server, string number, string nodeId, object output)
    {
        var (taskId, group) = await AsAsync(server, Hotline, async api =>
        {
            var detail = await CaseAsync(api, number);
            var task = detail.GetProperty("openTasks").EnumerateArray().Single(t => t.GetProperty("nodeId").GetString() == nodeId);
            return (task.GetProperty("id").GetString()!, task.GetProperty("candidateGroups")[0].GetString()!);
        });
        await AsAsync(server, City.Value.UserOf(group), async api =>
        {
            var response = await api.PostAsync($"api/inbox/tasks/{taskId}/complete", new APIRequestContextOptions { DataObject = new { output } });
            Assert.True(response.Ok, $"Completing {nodeId} of {number} answered {response.Status}: {await response.TextAsync()}");
            return 0;
        });
    }

    private static async Task<JsonElement> CaseAsync(IAPIRequestContext api, string number)
    {
        var response = await api.GetAsync($"api/cases/{number}");
        Assert.True(response.Ok, $"GET case {number} answered {response.Status}");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.Clone();
    }

    /// <summary>
    /// Runs <paramref name="call"/> with the API as <paramref name="user"/>, signed in through the form once per user and
    /// server (a browser context kept for the run: signing in for every step made a closed case cost minutes).
    /// </summary>
    public static async Task<T> AsAsync<T>(WebAppServer server, string user, Func<IAPIRequestContext, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var page = await SessionAsync(server, user);
        return await call(page.APIRequest);
    }

    private static readonly SemaphoreSlim SessionsLock = new(1, 1);
    private static readonly Dictionary<(WebAppServer, string), IPage> Sessions = [];

    private static async Task<IPage> SessionAsync(WebAppServer server, string user)
    {
        await SessionsLock.WaitAsync();
        try
        {
            if (!Sessions.TryGetValue((server, user), out var page))
            {
                page = await server.NewPageAsync();
                // The set-up steps run beside the journey's own browser on a busy machine: give them room.
                page.Context.SetDefaultTimeout(60_000);
                page.Context.SetDefaultNavigationTimeout(60_000);
                await Journey.SignInAsync(page, user);
                Sessions[(server, user)] = page;
            }

            return page;
        }
        finally
        {
            SessionsLock.Release();
        }
    }

    /// <summary>The reference data's users and grid cells (definitions/reference/org.json), for picking who does a step and where.</summary>
    private sealed class Reference
    {
        private readonly List<(string Id, string OrgUnit, string[] Roles)> _users = [];
        private readonly List<(double Lat, double Lon)> _cells = [];

        public static Reference Load()
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(EditorJourneyTests.RepositoryRoot(), "definitions", "reference", "org.json")));
            var reference = new Reference();
            foreach (var u in json.RootElement.GetProperty("users").EnumerateArray())
            {
                reference._users.Add((u.GetProperty("id").GetString()!, u.GetProperty("orgUnit").GetString()!, [.. u.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)]));
            }

            // Community D01-S01-C01 has its own verifier; nine points per grid cell, each more than the duplicate
            // radius (200 m) from the others, so that no two reports of the run are taken for one problem.
            foreach (var c in json.RootElement.GetProperty("gridCells").EnumerateArray().Where(c => c.GetProperty("id").GetString()!.StartsWith("D01-S01-C01-", StringComparison.Ordinal)))
            {
                var centroid = c.GetProperty("centroid");
                foreach (var dLat in new[] { -0.004, 0, 0.004 })
                {
                    foreach (var dLon in new[] { -0.003, 0, 0.003 })
                    {
                        reference._cells.Add((centroid[1].GetDouble() + dLat, centroid[0].GetDouble() + dLon));
                    }
                }
            }

            return reference;
        }

        public (double Lat, double Lon) NextCell() => _cells[Interlocked.Increment(ref _nextCell) % _cells.Count];

        /// <summary>A user of a candidate group <c>role@unit</c>.</summary>
        public string UserOf(string group)
        {
            var parts = group.Split('@');
            return _users.First(u => u.OrgUnit == parts[1] && u.Roles.Contains(parts[0])).Id;
        }
    }
}
