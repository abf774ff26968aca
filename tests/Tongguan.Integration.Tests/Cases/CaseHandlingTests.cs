using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Cases;

/// <summary>
/// Every path of the four case processes over HTTP, run by the real engine on a real database, with the people of
/// the reference data doing their part through the inbox: filing and closing, duplicates from three channels, a
/// suggested duplicate merged by an agent, a return and redispatch, a dispute, a failed verification and rework,
/// an escalation to the district on breach, a co-handled case, and bad input.
/// </summary>
public abstract class CaseHandlingTests<TApp>
    where TApp : TongguanApp, ICaseApp
{
    private readonly TApp app;

    protected CaseHandlingTests(TApp app)
    {
        this.app = app;
        _agent = app.CreateClient(Hotline);

        // Each test starts beyond the duplicate window of the cases earlier tests filed at the same places.
        app.Clock.Advance(TimeSpan.FromDays(4));
    }

    private const string Hotline = "wang.fang";
    private const string CityDispatcher = "zhang.wei";

    private static readonly string[] CoHandlers = ["D01-chengguan", "D01-shuiwu"];

    private readonly HttpClient _agent;

    private HttpClient As(string user) => app.CreateClient(user);

    /// <summary>A user of the group, from the reference data.</summary>
    private string UserOf(string group) =>
        app.Reference().UsersIn(CandidateGroup.TryParse(group, out var g) ? g.Value : throw new ArgumentException(group))[0].Id;

    private (double Lat, double Lon) Cell(string community, int index = 0) => app.At(app.Reference().GridCellsOf(community)[index].Id);

    private async Task<JsonObject> CompleteAsync(string number, string nodeId, object output, string? user = null)
    {
        var task = await _agent.OpenTaskAsync(number, nodeId);
        user ??= UserOf((string)task["candidateGroups"]![0]!);
        var response = await As(user).PostAsJsonAsync($"/api/inbox/tasks/{task["id"]}/complete", new { output });
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private async Task CompleteCoHandleAsync(List<JsonObject> tasks, string group, string user, string result)
    {
        var task = tasks.Single(t => (string?)t["candidateGroups"]![0] == group);
        await (await As(user).PostAsJsonAsync($"/api/inbox/tasks/{task["id"]}/complete", new { output = new { result } })).JsonAsync(HttpStatusCode.OK);
    }

    private async Task<string> FileGarbageCaseAsync(string text = "春晖路88号垃圾桶满了，垃圾溢出到人行道上", int cell = 1)
    {
        var filed = await _agent.FileAsync(CaseSteps.Report("Hotline12345", "S0102", Cell("D01-S01-C01", cell), text + " " + Guid.NewGuid().ToString("N")[..6], "13812345678"));
        Assert.Equal("Filed", (string?)filed["outcome"]);
        return (string)filed["caseNumber"]!;
    }

    [Fact]
    public async Task Case_IsRoutedByTheRules_HandledVerifiedClosedAndRated_ThroughTheInbox()
    {
        var at = Cell("D01-S01-C01", 1);
        var routing = app.Reference().Route("S0102", app.Reference().LocateGridCell(at.Lat, at.Lon)!.Id);
        var number = await FileGarbageCaseAsync();

        var filed = await _agent.CaseAsync(number);
        Assert.Equal("Dispatched", filed.Status());
        Assert.Equal(routing.Unit.Id, (string?)filed["case"]!["responsibleUnitId"]);
        var accept = await _agent.OpenTaskAsync(number, "accept");
        Assert.Equal([$"officer@{routing.Unit.Id}"], accept["candidateGroups"]!.AsArray().Select(g => (string)g!));
        Assert.NotNull(accept["dueAt"]);

        await CompleteAsync(number, "accept", new { decision = "accept" });
        Assert.Equal("Handling", (await _agent.CaseAsync(number)).Status());
        await CompleteAsync(number, "handle", new { outcome = "done", result = "已清运，垃圾桶已复位" });
        Assert.Equal("Verifying", (await _agent.CaseAsync(number)).Status());
        var verify = await _agent.OpenTaskAsync(number, "verify");
        Assert.Equal("verifier@D01-S01-C01", (string?)verify["candidateGroups"]![0]);
        await CompleteAsync(number, "verify", new { verified = true });
        Assert.Equal("Closed", (await _agent.CaseAsync(number)).Status());
        await CompleteAsync(number, "callback", new { satisfaction = "satisfied", comment = "很快" }, Hotline);

        var closed = (await _agent.CaseAsync(number))["case"]!;
        Assert.Equal("Closed", (string?)closed["status"]);
        Assert.Equal("satisfied", (string?)closed["satisfaction"]);
        Assert.Equal("已清运，垃圾桶已复位", (string?)closed["resolution"]);
        Assert.NotNull(closed["closedAt"]);
        Assert.Empty((await _agent.CaseAsync(number))["openTasks"]!.AsArray());
        var timeline = (await (await _agent.GetAsync($"/api/cases/{number}/timeline")).Content.ReadFromJsonAsync<JsonArray>())!;
        var events = timeline.Select(e => (string)e!["event"]!).ToList();
        Assert.Contains("ReportReceived", events);
        Assert.Contains("TaskCompleted", events);
        Assert.Contains("DeadlineCompletedOnTime", events);
        Assert.Equal(
            ["Registered → Filed", "Filed → Dispatched", "Dispatched → Handling", "Handling → Verifying", "Verifying → Closed"],
            timeline.Where(e => (string?)e!["event"] == "StatusChanged").Select(e => (string)e!["detail"]!));
    }

    [Fact]
    public async Task ClosedCase_IsReopenedByAnAgent_AndHandledAgainByTheSameUnit()
    {
        var number = await FileGarbageCaseAsync();
        await CompleteAsync(number, "accept", new { decision = "accept" });
        await CompleteAsync(number, "handle", new { outcome = "done", result = "已清运" });
        await CompleteAsync(number, "verify", new { verified = true });
        var unit = (string?)(await _agent.CaseAsync(number))["case"]!["responsibleUnitId"];

        var tooEarly = await _agent.PostAsJsonAsync($"/api/cases/{number}/reopen", new { reason = "又满了" });
        await CompleteAsync(number, "callback", new { satisfaction = "satisfied" }, Hotline);
        var officer = await As(UserOf($"officer@{unit}")).PostAsJsonAsync($"/api/cases/{number}/reopen", new { reason = "又满了" });
        var noReason = await _agent.PostAsJsonAsync($"/api/cases/{number}/reopen", new { reason = " " });
        var reopened = await (await _agent.PostAsJsonAsync($"/api/cases/{number}/reopen", new { reason = "市民来电：三天后垃圾桶又满溢" })).JsonAsync(HttpStatusCode.OK);

        await tooEarly.ProblemAsync(HttpStatusCode.Conflict);
        await officer.ProblemAsync(HttpStatusCode.Forbidden);
        await noReason.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Handling", (string?)reopened["status"]);
        Assert.Equal(1, (int)reopened["reopenings"]!);
        Assert.Null(reopened["closedAt"]);
        Assert.Equal($"officer@{unit}", (string?)(await _agent.OpenTaskAsync(number, "handle"))["candidateGroups"]![0]);
        await CompleteAsync(number, "handle", new { outcome = "done", result = "已加密清运频次" });
        Assert.Equal("verifier@D01-S01-C01", (string?)(await _agent.OpenTaskAsync(number, "verify"))["candidateGroups"]![0]);
        var timeline = (await (await _agent.GetAsync($"/api/cases/{number}/timeline")).Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Contains(timeline, e => (string?)e!["event"] == "Reopened" && (string?)e["detail"] == "市民来电：三天后垃圾桶又满溢");
    }

    [Fact]
    public async Task Inbox_ShowsOnlyTheCallersOrgScope_AndRefusesOthersWork()
    {
        var number = await FileGarbageCaseAsync();
        var accept = await _agent.OpenTaskAsync(number, "accept");
        var group = (string)accept["candidateGroups"]![0]!;
        var officer = As(UserOf(group));
        var stranger = As("han.xue"); // an officer of another district's department

        var mine = await (await officer.GetAsync($"/api/inbox?category=S01&area=D01-S01-C01")).JsonAsync(HttpStatusCode.OK);
        var theirs = await (await stranger.GetAsync("/api/inbox")).JsonAsync(HttpStatusCode.OK);
        var item = mine["items"]!.AsArray().Single(i => (string?)i!["case"]!["number"] == number)!;
        Assert.Equal("green", (string?)item["colour"]);
        Assert.True((int)mine["counts"]!["unclaimed"]! >= 1);
        Assert.DoesNotContain(theirs["items"]!.AsArray(), i => (string?)i!["case"]!["number"] == number);
        var refused = await stranger.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/complete", new { output = new { decision = "accept" } });
        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        await (await As("li.na").GetAsync("/api/inbox")).ProblemAsync(HttpStatusCode.Forbidden); // an auditor has no inbox

        var claimed = await (await officer.PostAsync($"/api/inbox/tasks/{accept["id"]}/claim", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Assigned", (string?)claimed["status"]);
        var mineOnly = await (await officer.GetAsync("/api/inbox?view=Mine")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(mineOnly["items"]!.AsArray(), i => (string?)i!["task"]!["id"] == (string?)accept["id"]);

    }

    [Fact]
    public async Task ClaimedTask_IsSeenByColleagues_ButOnlyTheHolderCompletesIt()
    {
        // Street vending outside 湖滨街道 goes to the district's urban-management bureau: two officers there.
        var filed = await _agent.FileAsync(CaseSteps.Report("CitizenApp", "S0501", Cell("D01-S02-C01"), "江畔路菜场门口流动摊贩 " + Guid.NewGuid().ToString("N")[..6]));
        var number = (string)filed["caseNumber"]!;
        var accept = await _agent.OpenTaskAsync(number, "accept");
        Assert.Equal("officer@D01-chengguan", (string?)accept["candidateGroups"]![0]);
        var holder = As("wu.gang");
        var colleague = As("zheng.kai");

        await (await holder.PostAsync($"/api/inbox/tasks/{accept["id"]}/claim", null)).JsonAsync(HttpStatusCode.OK);
        var seen = await (await colleague.GetAsync("/api/inbox")).JsonAsync(HttpStatusCode.OK);
        var colleagueMine = await (await colleague.GetAsync("/api/inbox?view=Mine")).JsonAsync(HttpStatusCode.OK);
        var overHead = await colleague.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/complete", new { output = new { decision = "accept" } });

        Assert.Contains(seen["items"]!.AsArray(), i => (string?)i!["task"]!["id"] == (string?)accept["id"]);
        Assert.DoesNotContain(colleagueMine["items"]!.AsArray(), i => (string?)i!["task"]!["id"] == (string?)accept["id"]);
        await overHead.ProblemAsync(HttpStatusCode.Conflict);
        var delegated = await (await holder.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/delegate", new { toUser = "zheng.kai" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("zheng.kai", (string?)delegated["assignee"]);
        var outsider = await holder.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/delegate", new { toUser = "feng.tao" });
        await outsider.ProblemAsync(HttpStatusCode.BadRequest);
        await (await colleague.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/complete", new { output = new { decision = "accept" } })).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Return_GoesBackToTheDispatcher_WhoRedispatchesToAnotherUnit()
    {
        var number = await FileGarbageCaseAsync();
        var accept = await _agent.OpenTaskAsync(number, "accept");
        var officer = As(UserOf((string)accept["candidateGroups"]![0]!));

        var noReason = await officer.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/return", new { reason = "" });
        var problem = await noReason.JsonAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["reason"]);
        await (await officer.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/return", new { reason = "垃圾桶属物业管理，不属本单位" })).JsonAsync(HttpStatusCode.OK);

        var returned = (await _agent.CaseAsync(number))["case"]!;
        Assert.Equal("Filed", (string?)returned["status"]);
        Assert.Equal(1, (int)returned["returns"]!);
        var dispatch = await _agent.OpenTaskAsync(number, "dispatch");
        Assert.Equal("dispatcher@TG-command", (string?)dispatch["candidateGroups"]![0]);
        var unknownUnit = await As(CityDispatcher).PostAsJsonAsync($"/api/inbox/tasks/{dispatch["id"]}/complete", new { output = new { unitId = "D09-nowhere" } });
        Assert.NotNull((await unknownUnit.JsonAsync(HttpStatusCode.BadRequest))["errors"]!["unitId"]);
        await CompleteAsync(number, "dispatch", new { unitId = "D01-shuiwu", note = "排水设施归水务" }, CityDispatcher);

        var redispatched = await _agent.OpenTaskAsync(number, "accept");
        Assert.Equal("officer@D01-shuiwu", (string?)redispatched["candidateGroups"]![0]);
        await CompleteAsync(number, "accept", new { decision = "accept" }, "feng.tao");
        var accepted = (await _agent.CaseAsync(number))["case"]!;
        Assert.Equal("Handling", (string?)accepted["status"]);
        Assert.Equal("D01-shuiwu", (string?)accepted["responsibleUnitId"]);
    }

    [Fact]
    public async Task SecondReturn_IsADispute_ThatEscalatesToTheDistrict()
    {
        var number = await FileGarbageCaseAsync();
        var first = await _agent.OpenTaskAsync(number, "accept");
        var unit = ((string)first["candidateGroups"]![0]!)["officer@".Length..];
        await CompleteAsync(number, "accept", new { decision = "return", reason = "不属本单位" });
        await CompleteAsync(number, "dispatch", new { unitId = unit }, CityDispatcher);
        await CompleteAsync(number, "accept", new { decision = "return", reason = "仍不属本单位" });

        var decide = await _agent.OpenTaskAsync(number, "decide");
        Assert.Equal("dispatcher@D01-command", (string?)decide["candidateGroups"]![0]);
        var disputed = (await _agent.CaseAsync(number))["case"]!;
        Assert.Equal(2, (int)disputed["returns"]!);
        Assert.Equal("District", (string?)disputed["escalationLevel"]);
        Assert.Equal(1, (int)disputed["escalations"]!);

        await CompleteAsync(number, "decide", new { decision = "reassign", unitId = "D01-shuiwu", note = "区指挥中心指定水务局" }, "xu.qiang");
        Assert.Equal("officer@D01-shuiwu", (string?)(await _agent.OpenTaskAsync(number, "accept"))["candidateGroups"]![0]);
    }

    [Fact]
    public async Task FailedVerification_SendsTheCaseBackForRework()
    {
        var number = await FileGarbageCaseAsync();
        await CompleteAsync(number, "accept", new { decision = "accept" });
        await CompleteAsync(number, "handle", new { outcome = "done", result = "已处理" });

        var noRemarks = await As("luo.hong").PostAsJsonAsync(
            $"/api/inbox/tasks/{(await _agent.OpenTaskAsync(number, "verify"))["id"]}/complete", new { output = new { verified = false } });
        Assert.NotNull((await noRemarks.JsonAsync(HttpStatusCode.BadRequest))["errors"]!["remarks"]);
        await CompleteAsync(number, "verify", new { verified = false, remarks = "现场垃圾仍未清运" }, "luo.hong");

        var rework = (await _agent.CaseAsync(number))["case"]!;
        Assert.Equal("Handling", (string?)rework["status"]);
        Assert.Equal(1, (int)rework["reworks"]!);
        await _agent.OpenTaskAsync(number, "handle");
        await CompleteAsync(number, "handle", new { outcome = "done", result = "已彻底清运" });
        await CompleteAsync(number, "verify", new { verified = true }, "luo.hong");
        Assert.Equal("Closed", (await _agent.CaseAsync(number)).Status());
    }

    [Fact]
    public async Task HandlingBreaches_EscalateStepByStep_FromTheStreetToTheDistrict()
    {
        // 湖滨街道 handles street vending in its own streets (routing rule hubin-street-vending).
        var filed = await _agent.FileAsync(CaseSteps.Report("GridInspector", "S0501", Cell("D01-S01-C02"), "柳岸路口有流动摊贩占道经营 " + Guid.NewGuid().ToString("N")[..6]));
        var number = (string)filed["caseNumber"]!;
        Assert.Equal("officer@D01-S01", (string?)(await _agent.OpenTaskAsync(number, "accept"))["candidateGroups"]![0]);
        await CompleteAsync(number, "accept", new { decision = "accept" }, "cao.yang");
        var handle = await _agent.OpenTaskAsync(number, "handle");

        var due = (DateTimeOffset)handle["dueAt"]!;
        var swept = await app.AdvanceAsync(due - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        Assert.True(swept.Breached >= 1);
        var decide = await _agent.OpenTaskAsync(number, "decide");
        Assert.Equal("dispatcher@D01-command", (string?)decide["candidateGroups"]![0]);
        Assert.Empty(await _agent.OpenTasksAsync(number, "handle"));
        var escalated = (await _agent.CaseAsync(number))["case"]!;
        Assert.Equal("District", (string?)escalated["escalationLevel"]);
        Assert.Equal("D01", (string?)escalated["escalatedToUnitId"]);
        var timeline = (await (await _agent.GetAsync($"/api/cases/{number}/timeline")).Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Contains(timeline, e => (string?)e!["event"] == "Escalated" && ((string?)e["detail"])!.Contains("handleOverdue", StringComparison.Ordinal));

        // The district urges the street; the new handling limit passes too, and the case climbs to the city.
        await CompleteAsync(number, "decide", new { decision = "urge", note = "限期处理" }, "xu.qiang");
        var again = await _agent.OpenTaskAsync(number, "handle");
        await app.AdvanceAsync((DateTimeOffset)again["dueAt"]! - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.Equal("dispatcher@TG-command", (string?)(await _agent.OpenTaskAsync(number, "decide"))["candidateGroups"]![0]);
        Assert.Equal("City", (string?)(await _agent.CaseAsync(number))["case"]!["escalationLevel"]);
    }

    [Fact]
    public async Task CoHandledCase_ClosesOnlyAfterEverySummonedDepartmentReported()
    {
        var number = await FileGarbageCaseAsync();
        await CompleteAsync(number, "accept", new { decision = "accept" });
        var handle = await _agent.OpenTaskAsync(number, "handle");
        var officer = As(UserOf((string)handle["candidateGroups"]![0]!));

        await (await officer.PostAsJsonAsync($"/api/inbox/tasks/{handle["id"]}/co-handling",
            new { departments = CoHandlers, note = "涉及排水和占道" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("officer@D01-S01", (string?)(await _agent.OpenTaskAsync(number, "summon"))["candidateGroups"]![0]);
        await CompleteAsync(number, "summon", new { departments = CoHandlers, note = "吹哨" }, "cao.yang");

        var reporting = await _agent.OpenTasksAsync(number, "coHandle");
        Assert.Equal(["officer@D01-chengguan", "officer@D01-shuiwu"], reporting.Select(t => (string)t["candidateGroups"]![0]!).Order());
        await CompleteCoHandleAsync(reporting, "officer@D01-chengguan", "wu.gang", "城管已清理占道");
        Assert.Empty(await _agent.OpenTasksAsync(number, "verify"));
        Assert.Single(await _agent.OpenTasksAsync(number, "coHandle"));
        await CompleteCoHandleAsync(reporting, "officer@D01-shuiwu", "feng.tao", "水务已疏通");

        await _agent.OpenTaskAsync(number, "verify");
        Assert.Equal("Verifying", (await _agent.CaseAsync(number)).Status());
    }

    [Fact]
    public async Task DuplicatesFromThreeChannels_JoinOneCase()
    {
        var at = Cell("D01-S02-C01", 2);
        var tag = Guid.NewGuid().ToString("N")[..4];
        var first = await _agent.FileAsync(CaseSteps.Report("Hotline12345", "S0102", at, $"江畔路{tag[..1]}16号门口垃圾桶满溢，垃圾堆到路边", "13900001111"));
        var number = (string)first["caseNumber"]!;

        var app2 = await (await As("liu.yang").SubmitAsync(CaseSteps.Report("CitizenApp", "S0102", (at.Lat + 0.0001, at.Lon), $"江畔路{tag[..1]}16号垃圾桶满了溢出来了", "13900002222")))
            .JsonAsync(HttpStatusCode.Created);
        var inspector = await (await As("deng.li").SubmitAsync(CaseSteps.Report("GridInspector", "S0102", (at.Lat, at.Lon + 0.0002), $"江畔路{tag[..1]}16号 垃圾桶满溢")))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal("Merged", (string?)app2["outcome"]);
        Assert.Equal("Merged", (string?)inspector["outcome"]);
        Assert.Equal(number, (string?)app2["caseNumber"]);
        Assert.Equal(number, (string?)inspector["caseNumber"]);
        Assert.NotEqual((string?)first["trackingCode"], (string?)app2["trackingCode"]);
        var merged = await _agent.CaseAsync(number);
        Assert.Equal(3, (int)merged["case"]!["reportCount"]!);
        Assert.Equal(["CitizenApp", "GridInspector", "Hotline12345"], merged["reports"]!.AsArray().Select(r => (string)r!["channel"]!).Order());
        Assert.All(merged["reports"]!.AsArray().Where(r => (string?)r!["link"] == "AutoMerged"), r => Assert.NotNull(r!["mergeScore"]));
        Assert.Single(await _agent.OpenTasksAsync(number, "accept"));
    }

    [Fact]
    public async Task UncertainDuplicate_WaitsForTheAgent_WhoMergesIt()
    {
        var at = Cell("D01-S03-C01", 1);
        var tag = Guid.NewGuid().ToString("N")[..4];
        var first = await _agent.FileAsync(CaseSteps.Report("Hotline12345", "S0102", at, $"梅林路{tag[..1]}8号垃圾桶满溢"));
        var number = (string)first["caseNumber"]!;

        // Same house number, but 130 m off, a day later, a related category and other words: likely, not certain.
        app.Clock.Advance(TimeSpan.FromHours(30));
        var second = await (await _agent.SubmitAsync(CaseSteps.Report("Web", "S0101", (at.Lat + 0.0012, at.Lon), $"梅林路{tag[..1]}8号旁边有人乱倒建筑垃圾"))).JsonAsync(HttpStatusCode.Created);

        Assert.True((string?)second["outcome"] == "NeedsReview", second.ToJsonString());
        Assert.Equal("Registered", (string?)second["caseStatus"]);
        var suggestion = second["suggestions"]!.AsArray().First()!;
        Assert.Equal(number, (string?)suggestion["caseNumber"]);
        Assert.NotEmpty(suggestion["reasons"]!.AsArray());
        var reviewNumber = (string)second["caseNumber"]!;
        var review = await _agent.OpenTaskAsync(reviewNumber, "review");
        Assert.Equal("intake-agent@TG-hotline", (string?)review["candidateGroups"]![0]);
        var badTarget = await _agent.PostAsJsonAsync($"/api/inbox/tasks/{review["id"]}/complete", new { output = new { decision = "merge", mergeInto = reviewNumber } });
        Assert.NotNull((await badTarget.JsonAsync(HttpStatusCode.BadRequest))["errors"]!["mergeInto"]);

        await CompleteAsync(reviewNumber, "review", new { decision = "merge", mergeInto = number }, Hotline);

        var duplicate = (await _agent.CaseAsync(reviewNumber))["case"]!;
        Assert.Equal("Merged", (string?)duplicate["status"]);
        Assert.Equal(number, (string?)duplicate["mergedInto"]);
        var target = await _agent.CaseAsync(number);
        Assert.Equal(2, (int)target["case"]!["reportCount"]!);
        Assert.Contains(target["reports"]!.AsArray(), r => (string?)r!["link"] == "MergedByAgent" && (string?)r["channel"] == "Web");
    }

    [Fact]
    public async Task AgentRejectsAReport_WithAReason()
    {
        var at = Cell("D01-S03-C02", 1);
        var tag = Guid.NewGuid().ToString("N")[..4];
        await _agent.FileAsync(CaseSteps.Report("Hotline12345", "S0102", at, $"雅苑路{tag[..1]}8号垃圾桶满溢"));
        app.Clock.Advance(TimeSpan.FromHours(30));
        var second = await (await _agent.SubmitAsync(CaseSteps.Report("Web", "S0101", (at.Lat + 0.0012, at.Lon), $"雅苑路{tag[..1]}8号旁边有人乱倒建筑垃圾"))).JsonAsync(HttpStatusCode.Created);
        Assert.True((string?)second["outcome"] == "NeedsReview", second.ToJsonString());
        var number = (string)second["caseNumber"]!;

        await CompleteAsync(number, "review", new { decision = "reject", reason = "测试数据，非真实诉求" }, Hotline);

        var rejected = (await _agent.CaseAsync(number))["case"]!;
        Assert.Equal("Rejected", (string?)rejected["status"]);
        Assert.Equal("测试数据，非真实诉求", (string?)rejected["rejectionReason"]);
    }

    [Fact]
    public async Task IdempotencyKey_MakesARetriedSubmissionReturnTheFirstCase()
    {
        var report = CaseSteps.Report("CitizenApp", "S0601", Cell("D02-S01-C01"), "松风小区楼下夜间施工噪音 " + Guid.NewGuid().ToString("N")[..6]);
        var key = "retry-" + Guid.NewGuid().ToString("N");

        var first = await (await _agent.SubmitAsync(report, key)).JsonAsync(HttpStatusCode.Created);
        var retry = await _agent.SubmitAsync(report, key);
        var again = await retry.JsonAsync(HttpStatusCode.OK);

        Assert.Equal((string?)first["caseNumber"], (string?)again["caseNumber"]);
        Assert.Equal((string?)first["reportId"], (string?)again["reportId"]);
        Assert.True((bool)again["replayed"]!);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (int)(await _agent.CaseAsync((string)first["caseNumber"]!))["case"]!["reportCount"]!);
    }

    [Fact]
    public async Task IdempotencyKey_HoldsWhenRetriesRace()
    {
        var text = "积水监测点水位超限 " + Guid.NewGuid().ToString("N")[..6];
        var report = CaseSteps.Report("IotAlert", "S0104", Cell("D03-S01-C01"), text);
        var key = "sensor-" + Guid.NewGuid().ToString("N");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ => await As("zhao.min").SubmitAsync(report, key)));

        var bodies = await Task.WhenAll(answers.Select(a => a.JsonAsync()));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.StatusCode.ToString()));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Single(bodies.Select(b => (string?)b["caseNumber"]).Distinct());
        Assert.Single(bodies.Select(b => (string?)b["reportId"]).Distinct());
        var cases = await (await _agent.GetAsync("/api/cases?area=D03-S01-C01&category=S0104&channel=IotAlert")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(cases["items"]!.AsArray(), c => (string?)c!["description"] == text);
    }

    [Fact]
    public async Task ReportsBeyondTheSubmittersRateLimit_AreRefusedWith429()
    {
        var flooder = As("huang.lei"); // files no report in any other test of this app
        var limit = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Tongguan.Cases.Lifecycle.CaseOptions>>().Value.ReportsPerMinute;

        // Even refused reports count: a flood of garbage must not get through the door either.
        for (var i = 0; i < limit; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await flooder.PostAsJsonAsync("/api/reports", new { })).StatusCode);
        }

        var refused = await flooder.PostAsJsonAsync("/api/reports", CaseSteps.Report("Web", "S0102", Cell("D02-S02-C01"), "垃圾桶满了"));
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.BadRequest, (await As("deng.li").PostAsJsonAsync("/api/reports", new { })).StatusCode);
    }

    [Fact]
    public async Task BadReports_AreRefusedWithTheFieldAndTheReason()
    {
        var inside = Cell("D01-S01-C01");
        var cases = new (object Body, string Field)[]
        {
            (new { }, "channel"),
            (new { channel = "Fax", categoryCode = "S0102", text = "垃圾桶满了", latitude = inside.Lat, longitude = inside.Lon }, "channel"),
            (new { channel = "Web", categoryCode = "X9999", text = "垃圾桶满了", latitude = inside.Lat, longitude = inside.Lon }, "categoryCode"),
            (new { channel = "Web", categoryCode = "S01", text = "垃圾桶满了", latitude = inside.Lat, longitude = inside.Lon }, "categoryCode"),
            (new { channel = "Web", categoryCode = "S0102", text = "垃圾桶满了", latitude = 0.0, longitude = 0.0 }, "location"),
            (new { channel = "Web", categoryCode = "S0102", text = "垃圾桶满了", latitude = 95.0, longitude = 0.0 }, "location"),
            (new { channel = "Web", categoryCode = "S0102", text = "<script>alert(1)</script>垃圾桶满了", latitude = inside.Lat, longitude = inside.Lon }, "text"),
            (new { channel = "Web", categoryCode = "S0102", text = new string('满', 2001), latitude = inside.Lat, longitude = inside.Lon }, "text"),
            (new { channel = "Web", categoryCode = "S0102", text = "垃圾桶满了", latitude = inside.Lat, longitude = inside.Lon, reporterPhone = "call me" }, "reporterPhone"),
            (new { channel = "Web", categoryCode = "S0102", text = "垃圾桶满了", latitude = inside.Lat, longitude = inside.Lon, reportedAt = app.Clock.GetUtcNow().AddDays(2) }, "reportedAt"),
        };

        foreach (var (body, field) in cases)
        {
            var problem = await (await _agent.PostAsJsonAsync("/api/reports", body)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]?[field] is not null, $"{field}: {problem}");
        }

        var badKey = await _agent.SubmitAsync(CaseSteps.Report("Web", "S0102", inside, "垃圾桶满了"), new string('k', 101));
        Assert.NotNull((await badKey.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["Idempotency-Key"]);
    }

    [Fact]
    public async Task TaskCompletedTwice_IsAConflict_AndAWrongFormOrTheFormlessEngineApiIsRefused()
    {
        var number = await FileGarbageCaseAsync();
        var accept = await _agent.OpenTaskAsync(number, "accept");
        var officer = As(UserOf((string)accept["candidateGroups"]![0]!));

        // The raw engine API is for admins and designers; even they cannot skip a task's form there.
        await (await officer.PostAsJsonAsync($"/api/tasks/{accept["id"]}/complete", new { output = new { decision = "whatever" } })).ProblemAsync(HttpStatusCode.Forbidden);
        var bypass = await As("admin").PostAsJsonAsync($"/api/tasks/{accept["id"]}/complete", new { output = new { decision = "whatever" } });
        await bypass.ProblemAsync(HttpStatusCode.Conflict);
        var wrong = await officer.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/complete", new { output = new { decision = "maybe", extra = 1 } });
        var errors = (await wrong.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!;
        Assert.NotNull(errors["decision"]);
        Assert.NotNull(errors["extra"]);
        await (await officer.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/complete", new { output = new { decision = "accept" } })).JsonAsync(HttpStatusCode.OK);
        var twice = await officer.PostAsJsonAsync($"/api/inbox/tasks/{accept["id"]}/complete", new { output = new { decision = "accept" } });
        await twice.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Proof_IsAttachedCommentedAndDownloaded_AndUnsafeFilesAreRefused()
    {
        var number = await FileGarbageCaseAsync();
        await CompleteAsync(number, "accept", new { decision = "accept" });
        var handle = await _agent.OpenTaskAsync(number, "handle");
        var officer = As(UserOf((string)handle["candidateGroups"]![0]!));
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];

        var uploaded = await (await officer.PostAsync($"/api/inbox/tasks/{handle["id"]}/attachments?fileName=after.png", new ByteArrayContent(png))).JsonAsync(HttpStatusCode.Created);
        var html = await officer.PostAsync($"/api/inbox/tasks/{handle["id"]}/attachments?fileName=x.png", new StringContent("<html><script>alert(1)</script></html>"));
        byte[] huge = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[CaseAppSetup.AttachmentLimit]];
        var tooLarge = await officer.PostAsync($"/api/inbox/tasks/{handle["id"]}/attachments?fileName=big.png", new ByteArrayContent(huge));
        var scriptComment = await officer.PostAsJsonAsync($"/api/inbox/tasks/{handle["id"]}/comments", new { text = "<img src=x onerror=alert(1)>" });
        await (await officer.PostAsJsonAsync($"/api/inbox/tasks/{handle["id"]}/comments", new { text = "已到现场，正在清运" })).JsonAsync(HttpStatusCode.Created);

        await html.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await tooLarge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await scriptComment.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("image/png", (string?)uploaded["contentType"]);
        var download = await officer.GetAsync($"/api/cases/{number}/attachments/{uploaded["id"]}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        await (await officer.PostAsJsonAsync($"/api/inbox/tasks/{handle["id"]}/complete",
            new { output = new { outcome = "done", result = "已清运", attachments = new[] { (string)uploaded["id"]! } } })).JsonAsync(HttpStatusCode.OK);
        var detail = await _agent.CaseAsync(number);
        Assert.Single(detail["attachments"]!.AsArray());
        var timeline = (await (await _agent.GetAsync($"/api/cases/{number}/timeline")).Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Contains(timeline, e => (string?)e!["event"] == "Comment" && (string?)e["detail"] == "已到现场，正在清运");
        Assert.Contains(timeline, e => (string?)e!["event"] == "Attachment");
    }

    [Fact]
    public async Task Extension_RequestedFromTheInbox_WaitsForApproval()
    {
        var number = await FileGarbageCaseAsync();
        await CompleteAsync(number, "accept", new { decision = "accept" });
        var handle = await _agent.OpenTaskAsync(number, "handle");
        var officer = As(UserOf((string)handle["candidateGroups"]![0]!));

        var requested = await (await officer.PostAsJsonAsync($"/api/inbox/tasks/{handle["id"]}/extension", new { extension = "P1D", reason = "等待物业配合" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal("Requested", (string?)requested["status"]);
        Assert.Equal((DateTimeOffset)handle["dueAt"]!, (DateTimeOffset)(await _agent.OpenTaskAsync(number, "handle"))["dueAt"]!);
        await (await As(CityDispatcher).PostAsJsonAsync($"/api/deadline-adjustments/{requested["id"]}/approve", new { note = "同意" })).JsonAsync(HttpStatusCode.OK);
        Assert.True((DateTimeOffset)(await _agent.OpenTaskAsync(number, "handle"))["dueAt"]! > (DateTimeOffset)handle["dueAt"]!);
    }
}

public sealed class SqliteCaseHandlingTests(SqliteCaseApp app) : CaseHandlingTests<SqliteCaseApp>(app), IClassFixture<SqliteCaseApp>;

public sealed class PostgreSqlCaseHandlingTests(PostgreSqlCaseApp app) : CaseHandlingTests<PostgreSqlCaseApp>(app), IClassFixture<PostgreSqlCaseApp>;
