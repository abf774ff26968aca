using System.Net;
using System.Net.Http.Json;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Cases.Intake;

/// <summary>
/// What the intake console relies on: the duplicate check without filing (<c>POST /api/reports/duplicates</c>), and
/// an agent's own decision when filing — merge into a chosen open case, or file as new despite the check.
/// </summary>
public abstract class IntakeDecisionTests<TApp>
    where TApp : TongguanApp, ICaseApp
{
    private const string Agent = "wang.fang";

    private readonly TApp _app;
    private readonly HttpClient _agent;

    protected IntakeDecisionTests(TApp app)
    {
        _app = app;
        _agent = app.CreateClient(Agent);

        // Each test starts beyond the duplicate window of the cases earlier tests filed at the same places.
        app.Clock.Advance(TimeSpan.FromDays(4));
    }

    private (double Lat, double Lon) Cell(string community, int index) => _app.At(_app.Reference().GridCellsOf(community)[index].Id);

    private static string Tag() => Guid.NewGuid().ToString("N")[..1];

    [Fact]
    public async Task DuplicateCheck_ListsTheNearbyCaseWithReasonsAndPlace_AndFilesNothing()
    {
        var at = Cell("D01-S02-C02", 1);
        var tag = Tag();
        var first = await _agent.FileAsync(CaseSteps.Report("Hotline12345", "S0102", at, $"枫林路{tag}26号垃圾桶满溢，垃圾堆到路边"));
        var number = (string)first["caseNumber"]!;
        var similar = CaseSteps.Report("CitizenApp", "S0102", (at.Lat + 0.0002, at.Lon), $"枫林路{tag}26号垃圾桶满了溢出来了");

        var check = await (await _agent.PostAsJsonAsync("/api/reports/duplicates", similar)).JsonAsync(HttpStatusCode.OK);
        var again = await (await _agent.PostAsJsonAsync("/api/reports/duplicates", similar)).JsonAsync(HttpStatusCode.OK);

        var best = check["suggestions"]!.AsArray().First()!;
        Assert.Equal(number, (string?)best["caseNumber"]);
        Assert.Contains(best["reasons"]!.AsArray(), r => (string?)r!["code"] == "distance");
        Assert.Contains(best["reasons"]!.AsArray(), r => (string?)r!["code"] == "category");
        Assert.InRange((double)best["factors"]!["distanceMetres"]!, 10, 40);
        Assert.Equal(at.Lat, (double)best["case"]!["latitude"]!, 6);
        Assert.Equal(1, (int)best["case"]!["reportCount"]!);
        Assert.NotEqual("None", (string?)check["decision"]);
        Assert.Equal(check["decision"]!.ToJsonString(), again["decision"]!.ToJsonString());
        Assert.Equal(1, (int)(await _agent.CaseAsync(number))["case"]!["reportCount"]!);
    }

    [Fact]
    public async Task DuplicateCheck_RefusesAReportOutsideTheCity_WithTheField()
    {
        var problem = await (await _agent.PostAsJsonAsync("/api/reports/duplicates", CaseSteps.Report("Hotline12345", "S0102", (10, 10), "井盖丢了")))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]!["location"]);
    }

    [Fact]
    public async Task DuplicateCheck_IsEmpty_WhereNoCaseIsOpenNearby()
    {
        var check = await (await _agent.PostAsJsonAsync("/api/reports/duplicates", CaseSteps.Report("Hotline12345", "B0101", Cell("D02-S01-C01", 0), $"路口{Tag()}号井盖缺失")))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Equal("None", (string?)check["decision"]);
        Assert.Empty(check["suggestions"]!.AsArray());
    }

    [Fact]
    public async Task Agent_MergesAReportIntoTheChosenCase_WhichCountsIt()
    {
        var at = Cell("D01-S02-C02", 2);
        var tag = Tag();
        var first = await _agent.FileAsync(CaseSteps.Report("Hotline12345", "S0102", at, $"松涛路{tag}5号垃圾桶满溢"));
        var number = (string)first["caseNumber"]!;

        // Far enough and worded differently that the check alone would not merge it: the agent knows it is the same.
        var merged = await (await _agent.PostAsJsonAsync("/api/reports", new
        {
            channel = "Hotline12345", categoryCode = "S0101", text = "松涛路那边又有人反映垃圾问题，同一处", latitude = at.Lat + 0.001, longitude = at.Lon,
            reporterName = "李女士", mergeInto = number,
        })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("Merged", (string?)merged["outcome"]);
        Assert.Equal(number, (string?)merged["caseNumber"]);
        var target = await _agent.CaseAsync(number);
        Assert.Equal(2, (int)target["case"]!["reportCount"]!);
        Assert.Contains(target["reports"]!.AsArray(), r => (string?)r!["link"] == "MergedByAgent" && (string?)r["reporterName"] == "李女士");
        Assert.Single(await _agent.OpenTasksAsync(number, "accept"));
    }

    [Fact]
    public async Task Agent_FilesAsNew_EvenWhatTheCheckWouldMerge()
    {
        var at = Cell("D01-S03-C02", 2);
        var tag = Tag();
        var report = CaseSteps.Report("Hotline12345", "S0102", at, $"桂园路{tag}9号垃圾桶满溢，垃圾堆到路边", "13900003333");
        var first = await _agent.FileAsync(report);
        var check = await (await _agent.PostAsJsonAsync("/api/reports/duplicates", report)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("AutoMerge", (string?)check["decision"]);

        var filed = await (await _agent.PostAsJsonAsync("/api/reports", new
        {
            channel = "Hotline12345", categoryCode = "S0102", text = $"桂园路{tag}9号垃圾桶满溢，垃圾堆到路边", latitude = at.Lat, longitude = at.Lon, fileAsNew = true,
        })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("Filed", (string?)filed["outcome"]);
        Assert.NotEqual((string?)first["caseNumber"], (string?)filed["caseNumber"]);
        Assert.Empty(await _agent.OpenTasksAsync((string)filed["caseNumber"]!, "review"));
        Assert.Equal(1, (int)(await _agent.CaseAsync((string)first["caseNumber"]!))["case"]!["reportCount"]!);
    }

    [Fact]
    public async Task MergeInto_AnUnknownOrClosedCase_OrTogetherWithFileAsNew_IsRefusedWithTheField()
    {
        var at = Cell("D01-S01-C02", 1);
        var rejectedCase = await RejectedCaseAsync(at);
        object Report(string mergeInto, bool? fileAsNew = null) =>
            new { channel = "Hotline12345", categoryCode = "S0102", text = "垃圾桶满溢", latitude = at.Lat, longitude = at.Lon, mergeInto, fileAsNew };

        var unknown = await (await _agent.PostAsJsonAsync("/api/reports", Report("TG-20260302-0000000000"))).ProblemAsync(HttpStatusCode.BadRequest);
        var closed = await (await _agent.PostAsJsonAsync("/api/reports", Report(rejectedCase))).ProblemAsync(HttpStatusCode.BadRequest);
        var both = await (await _agent.PostAsJsonAsync("/api/reports", Report(rejectedCase, fileAsNew: true))).ProblemAsync(HttpStatusCode.BadRequest);
        var malformed = await (await _agent.PostAsJsonAsync("/api/reports", Report("<script>"))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("no case", (string)unknown["errors"]!["mergeInto"]![0]!, StringComparison.Ordinal);
        Assert.Contains("Rejected", (string)closed["errors"]!["mergeInto"]![0]!, StringComparison.Ordinal);
        Assert.NotNull(both["errors"]!["mergeInto"]);
        Assert.NotNull(malformed["errors"]!["mergeInto"]);
    }

    [Fact]
    public async Task GridWorker_MayNotOverrideTheDuplicateCheck()
    {
        var at = Cell("D01-S01-C01", 2);
        var first = await _agent.FileAsync(CaseSteps.Report("Hotline12345", "S0102", at, $"春晖路{Tag()}3号垃圾桶满溢"));

        var response = await _app.CreateClient("deng.li").PostAsJsonAsync("/api/reports", new
        {
            channel = "GridInspector", categoryCode = "S0102", text = "垃圾桶满溢", latitude = at.Lat, longitude = at.Lon, mergeInto = (string)first["caseNumber"]!,
        });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, (int)(await _agent.CaseAsync((string)first["caseNumber"]!))["case"]!["reportCount"]!);
    }

    private async Task<string> RejectedCaseAsync((double Lat, double Lon) at)
    {
        var tag = Tag();
        await _agent.FileAsync(CaseSteps.Report("Hotline12345", "S0102", at, $"雅苑路{tag}8号垃圾桶满溢"));
        _app.Clock.Advance(TimeSpan.FromHours(30));
        var second = await (await _agent.SubmitAsync(CaseSteps.Report("Web", "S0101", (at.Lat + 0.0012, at.Lon), $"雅苑路{tag}8号旁边有人乱倒建筑垃圾")))
            .JsonAsync(HttpStatusCode.Created);
        Assert.True((string?)second["outcome"] == "NeedsReview", second.ToJsonString());
        var number = (string)second["caseNumber"]!;
        var review = await _agent.OpenTaskAsync(number, "review");
        await (await _agent.PostAsJsonAsync($"/api/inbox/tasks/{review["id"]}/complete", new { output = new { decision = "reject", reason = "重复测试" } }))
            .JsonAsync(HttpStatusCode.OK);
        return number;
    }
}

public sealed class SqliteIntakeDecisionTests(SqliteCaseApp app) : IntakeDecisionTests<SqliteCaseApp>(app), IClassFixture<SqliteCaseApp>;

public sealed class PostgreSqlIntakeDecisionTests(PostgreSqlCaseApp app) : IntakeDecisionTests<PostgreSqlCaseApp>(app), IClassFixture<PostgreSqlCaseApp>;
