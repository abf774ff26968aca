using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Portal;

/// <summary>
/// The citizen portal's public API over HTTP, anonymous: a report with a photo becomes a Web case; its citizen
/// follows it with number and code (a wrong code is an unknown case); two citizens of one merged case each see only
/// their own report; the rating waits for the closed case, is taken once, and reaches the case.
/// </summary>
public sealed class PortalTests : IClassFixture<SqlitePortalApp>
{
    private readonly SqlitePortalApp _app;
    private readonly HttpClient _citizen;
    private readonly HttpClient _agent;

    public PortalTests(SqlitePortalApp app)
    {
        _app = app;
        _citizen = app.CreateAnonymousClient();
        _agent = app.CreateClient("wang.fang");

        // Each test starts beyond the duplicate window of the cases earlier tests filed at the same places.
        app.Clock.Advance(TimeSpan.FromDays(4));
    }

    private (double Lat, double Lon) Cell(string community, int index = 0) => _app.At(_app.Reference().GridCellsOf(community)[index].Id);

    private static string Unique(string text) => $"{text} {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task Report_FilesAWebCaseWithThePhoto_AndAnswersNumberAndTrackingCode()
    {
        var response = await _citizen.ReportAsync("S0102", Cell("D01-S01-C01", 2), Unique("春晖路垃圾桶满了"), "赵女士", "13811112222", PortalCitizen.Png);

        var accepted = await response.JsonAsync(HttpStatusCode.Created);
        var number = (string)accepted["caseNumber"]!;
        Assert.Matches("^[0-9A-Z]{10}$", (string)accepted["trackingCode"]!);
        Assert.Equal($"/api/portal/cases/{number}", response.Headers.Location?.ToString());
        var detail = await _agent.CaseAsync(number);
        Assert.Equal("Web", (string?)detail["case"]!["channel"]);
        var report = Assert.Single(detail["reports"]!.AsArray())!;
        Assert.Equal("Web", (string?)report["channel"]);
        Assert.Equal("赵女士", (string?)report["reporterName"]);
        var photo = Assert.Single(detail["attachments"]!.AsArray())!;
        Assert.Equal("image/png", (string?)photo["contentType"]);
    }

    [Fact]
    public async Task Report_WithoutPlaceOrWords_IsAValidationProblem_AndAFileThatIsNoImageIsRefused()
    {
        var incomplete = await (await _citizen.ReportAsync("S0102", null, null)).ProblemAsync(HttpStatusCode.BadRequest);
        var script = await _citizen.ReportAsync("S0102", Cell("D01-S01-C01"), Unique("人行道很脏"), photo: "<html><script>alert(1)</script></html>"u8.ToArray(), photoName: "x.png");
        var notAForm = await _citizen.PostAsync("/api/portal/reports", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.NotNull(incomplete["errors"]!["description"]);
        Assert.NotNull(incomplete["errors"]!["location"]);
        await script.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await notAForm.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Progress_ShowsStatusAndSteps_AndAWrongCodeReadsExactlyLikeAnUnknownCase()
    {
        var accepted = await _citizen.ReportedAsync("S0102", Cell("D01-S01-C01", 3), Unique("江畔路垃圾桶满了"));
        var number = (string)accepted["caseNumber"]!;
        var code = (string)accepted["trackingCode"]!;

        var progress = await (await _citizen.ProgressAsync(number, code.ToLowerInvariant())).JsonAsync(HttpStatusCode.OK);
        var wrongCode = await _citizen.ProgressAsync(number, "0000000000");
        var noCode = await _citizen.ProgressAsync(number, null);
        var otherNumber = await _citizen.ProgressAsync("TG-20260302-0000000000", code);

        Assert.Equal("Dispatched", (string?)progress["status"]);
        Assert.NotNull(progress["responsibleUnit"]!["zh"]);
        Assert.False((bool)progress["canRate"]!);
        var steps = progress["steps"]!.AsArray().Select(s => $"{s!["kind"]}:{s["status"]}").ToList();
        Assert.Equal("Received:", steps[0]);
        Assert.Contains("Status:Dispatched", steps);
        var wrong = await wrongCode.ProblemAsync(HttpStatusCode.NotFound);
        var missing = await noCode.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(((string?)wrong["title"], (string?)wrong["detail"]), ((string?)missing["title"], (string?)missing["detail"]));
        Assert.Equal((string?)wrong["title"], (string?)(await otherNumber.ProblemAsync(HttpStatusCode.NotFound))["title"]);
    }

    [Fact]
    public async Task MergedCase_ShowsEachCitizenOnlyTheirOwnReport_AndNoStaff()
    {
        var at = Cell("D01-S01-C02");
        var first = await _citizen.ReportedAsync("S0102", at, "江畔路16号垃圾桶满了", "张三", "13800001111");
        var second = await _citizen.ReportedAsync("S0102", (at.Lat + 0.0001, at.Lon), "江畔路16号垃圾桶满了溢出来了", "李四", "13900002222");
        Assert.Equal("Merged", (string?)second["outcome"]);
        var number = (string)first["caseNumber"]!;
        Assert.Equal(number, (string?)second["caseNumber"]);

        var mine = await (await _citizen.ProgressAsync(number, (string)first["trackingCode"]!)).JsonAsync(HttpStatusCode.OK);
        var theirs = await (await _citizen.ProgressAsync(number, (string)second["trackingCode"]!)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("张三", (string?)mine["yourReport"]!["name"]);
        Assert.Equal("138****1111", (string?)mine["yourReport"]!["phone"]);
        Assert.Equal("江畔路16号垃圾桶满了", (string?)mine["yourReport"]!["text"]);
        Assert.Equal("李四", (string?)theirs["yourReport"]!["name"]);
        Assert.True((bool)theirs["yourReport"]!["joinedExistingCase"]!);
        Assert.Contains(theirs["steps"]!.AsArray(), s => (string?)s!["kind"] == "Joined");
        AssertShowsNone(mine.ToJsonString(), "李四", "13900002222", "0000222", "溢出来了");
        AssertShowsNone(theirs.ToJsonString(), "张三", "13800001111", "0001111");
        var data = _app.Services.GetRequiredService<ReferenceDataSnapshot>();
        AssertShowsNone(mine.ToJsonString(), [.. data.Users.Select(u => u.Id), .. data.Users.Select(u => u.Name), "citizen-portal"]);
    }

    private static void AssertShowsNone(string body, params string[] words)
    {
        foreach (var word in words)
        {
            Assert.False(body.Contains(word, StringComparison.Ordinal), $"The citizen's answer shows '{word}': {body}");
        }
    }

    [Fact]
    public async Task Rating_WaitsForTheClosedCase_IsTakenOnce_AndReachesTheCase()
    {
        var accepted = await _citizen.ReportedAsync("S0102", Cell("D01-S01-C01", 0), Unique("春晖路垃圾桶满溢"));
        var number = (string)accepted["caseNumber"]!;
        var code = (string)accepted["trackingCode"]!;

        var tooEarly = await _citizen.RateAsync(number, code, "satisfied");
        await _app.HandleToClosedAsync(number, "已清运，垃圾桶已复位");
        var closed = await (await _citizen.ProgressAsync(number, code)).JsonAsync(HttpStatusCode.OK);
        var badValue = await _citizen.RateAsync(number, code, "great");
        var wrongCode = await _citizen.RateAsync(number, "0000000000", "satisfied");
        var rated = await (await _citizen.RateAsync(number, code, "satisfied", "处理很快")).JsonAsync(HttpStatusCode.OK);
        var again = await _citizen.RateAsync(number, code, "unsatisfied");

        await tooEarly.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Closed", (string?)closed["status"]);
        Assert.Equal("已清运，垃圾桶已复位", (string?)closed["result"]);
        Assert.True((bool)closed["canRate"]!);
        Assert.NotNull((await badValue.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["satisfaction"]);
        await wrongCode.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("satisfied", (string?)rated["satisfaction"]);
        Assert.False((bool)rated["canRate"]!);
        await again.ProblemAsync(HttpStatusCode.Conflict);
        var staff = await _agent.CaseAsync(number);
        Assert.Equal("satisfied", (string?)staff["case"]!["satisfaction"]);
        Assert.DoesNotContain(staff["openTasks"]!.AsArray(), t => (string?)t!["nodeId"] == "callback");
    }

    [Fact]
    public async Task UnsatisfiedRating_ReopensTheCase_ForTheSameUnit()
    {
        var accepted = await _citizen.ReportedAsync("S0102", Cell("D01-S01-C01", 1), Unique("春晖路垃圾没清"));
        var number = (string)accepted["caseNumber"]!;
        var code = (string)accepted["trackingCode"]!;
        await _app.HandleToClosedAsync(number, "已清运");

        var rated = await (await _citizen.RateAsync(number, code, "unsatisfied", "还是很脏")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Handling", (string?)rated["status"]);
        Assert.False((bool)rated["canRate"]!);
        Assert.Equal("Status:Handling", rated["steps"]!.AsArray().Select(s => $"{s!["kind"]}:{s["status"]}").Last());
        Assert.Single(await _agent.OpenTasksAsync(number, "handle"));
        await (await _citizen.RateAsync(number, code, "satisfied")).ProblemAsync(HttpStatusCode.Conflict);
    }
}

/// <summary>The portal's per-address limits: beyond them, 429 with Retry-After, for reports and look-ups alike.</summary>
public sealed class PortalRateLimitTests(LimitedPortalApp app) : IClassFixture<LimitedPortalApp>
{
    [Fact]
    public async Task Reports_AndLookups_BeyondTheLimit_AreAnswered429()
    {
        var citizen = app.CreateAnonymousClient();
        var cell = app.At(app.Reference().GridCellsOf("D01-S01-C01")[0].Id);

        var reports = new List<HttpStatusCode>();
        for (var i = 0; i <= LimitedPortalApp.ReportsPerMinute; i++)
        {
            reports.Add((await citizen.ReportAsync("S0102", cell, $"限流测试 {i} {Guid.NewGuid():N}")).StatusCode);
        }

        var lookups = new List<HttpResponseMessage>();
        for (var i = 0; i <= LimitedPortalApp.LookupsPerMinute; i++)
        {
            lookups.Add(await citizen.ProgressAsync("TG-20260302-0000000000", "0000000000"));
        }

        Assert.All(reports.Take(LimitedPortalApp.ReportsPerMinute), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, reports[^1]);
        Assert.All(lookups.Take(LimitedPortalApp.LookupsPerMinute), r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        await lookups[^1].ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("60", lookups[^1].Headers.GetValues("Retry-After").Single());
    }
}
