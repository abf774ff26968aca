using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.CommandCentre;

/// <summary>GET /api/cases/map: the open cases as points for the command-centre screen, scoped like the case list.</summary>
public abstract class CaseMapTests<TApp>
    where TApp : TongguanApp, ICaseApp
{
    private const string Hotline = "wang.fang";
    private const string CityDispatcher = "zhang.wei";

    private readonly TApp _app;
    private readonly HttpClient _agent;

    protected CaseMapTests(TApp app)
    {
        _app = app;
        _agent = app.CreateClient(Hotline);

        // Beyond the duplicate window of the cases earlier tests filed at the same places.
        app.Clock.Advance(TimeSpan.FromDays(4));
    }

    private async Task<string> FileAsync(string community, int cell, string category = "S0102")
    {
        var at = _app.At(_app.Reference().GridCellsOf(community)[cell].Id);
        var filed = await _agent.FileAsync(CaseSteps.Report("Hotline12345", category, at, "路边垃圾堆放 " + Guid.NewGuid().ToString("N")[..8], "13812345678"));
        Assert.Equal("Filed", (string?)filed["outcome"]);
        return (string)filed["caseNumber"]!;
    }

    private async Task CompleteAsync(string number, string nodeId, object output)
    {
        var task = await _agent.OpenTaskAsync(number, nodeId);
        var group = CandidateGroup.TryParse((string)task["candidateGroups"]![0]!, out var g) ? g.Value : throw new InvalidOperationException("no group");
        var user = _app.Reference().UsersIn(group)[0].Id;
        (await _app.CreateClient(user).PostAsJsonAsync($"/api/inbox/tasks/{task["id"]}/complete", new { output })).EnsureSuccessStatusCode();
    }

    private async Task<List<JsonObject>> PointsAsync(string user)
    {
        var map = await (await _app.CreateClient(user).GetAsync("/api/cases/map")).JsonAsync(HttpStatusCode.OK);
        return [.. map["points"]!.AsArray().Select(p => p!.AsObject())];
    }

    [Fact]
    public async Task OpenCase_IsAPointWithItsStatusAndDeadline_UntilItIsClosed()
    {
        var number = await FileAsync("D01-S01-C01", 1);
        var detail = (await _agent.CaseAsync(number))["case"]!;

        var point = Assert.Single(await PointsAsync(CityDispatcher), p => (string?)p["number"] == number);
        Assert.Equal("Dispatched", (string?)point["status"]);
        Assert.Equal((double)detail["latitude"]!, (double)point["latitude"]!);
        Assert.Equal((double)detail["longitude"]!, (double)point["longitude"]!);
        Assert.Equal("S0102", (string?)point["categoryCode"]);
        Assert.NotNull(point["dueAt"]);
        Assert.False((bool)point["overdue"]!);

        await CompleteAsync(number, "accept", new { decision = "accept" });
        Assert.Equal("Handling", (string?)Assert.Single(await PointsAsync(CityDispatcher), p => (string?)p["number"] == number)["status"]);
        await CompleteAsync(number, "handle", new { outcome = "done", result = "已清运" });
        await CompleteAsync(number, "verify", new { verified = true });

        Assert.Equal("Closed", (await _agent.CaseAsync(number)).Status());
        Assert.DoesNotContain(await PointsAsync(CityDispatcher), p => (string?)p["number"] == number);
    }

    [Fact]
    public async Task Case_IsOverdue_OnceItsRunningDeadlineHasPassed()
    {
        var number = await FileAsync("D01-S01-C02", 0);
        var before = Assert.Single(await PointsAsync(CityDispatcher), p => (string?)p["number"] == number);
        var due = (DateTimeOffset)before["dueAt"]!;
        Assert.False((bool)before["overdue"]!);

        _app.Clock.Advance(due - _app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        var map = await (await _app.CreateClient(CityDispatcher).GetAsync("/api/cases/map")).JsonAsync(HttpStatusCode.OK);
        var after = Assert.Single(map["points"]!.AsArray(), p => (string?)p!["number"] == number)!;
        Assert.True((bool)after["overdue"]!);
        Assert.True((DateTimeOffset)map["at"]! > due);
    }

    [Fact]
    public async Task Map_IsScopedLikeTheCaseList_AndClosedToDesigners()
    {
        var number = await FileAsync("D01-S01-C01", 2);

        Assert.Contains(await PointsAsync("deng.li"), p => (string?)p["number"] == number); // an officer of the case's community
        Assert.DoesNotContain(await PointsAsync("zhu.lei"), p => (string?)p["number"] == number); // an officer of another district
        var list = await (await _app.CreateClient("zhu.lei").GetAsync("/api/cases?take=200")).JsonAsync(HttpStatusCode.OK);
        var map = await (await _app.CreateClient("zhu.lei").GetAsync("/api/cases/map")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(
            list["items"]!.AsArray().Where(c => (string?)c!["status"] is not ("Closed" or "Rejected" or "Merged")).Select(c => (string)c!["number"]!).Order(),
            map["points"]!.AsArray().Select(p => (string)p!["number"]!).Order());
        await (await _app.CreateClient("chen.jing").GetAsync("/api/cases/map")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteCaseMapTests(SqliteCaseApp app) : CaseMapTests<SqliteCaseApp>(app), IClassFixture<SqliteCaseApp>;

public sealed class PostgreSqlCaseMapTests(PostgreSqlCaseApp app) : CaseMapTests<PostgreSqlCaseApp>(app), IClassFixture<PostgreSqlCaseApp>;
