using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Model;

namespace Tongguan.Integration.Tests.Http;

/// <summary>Deadlines over HTTP: due times in the inbox, extensions and suspensions with approval, the timeline.</summary>
public abstract class DeadlinesApiTests<TApp>(TApp app)
    where TApp : TongguanApp
{
    private readonly HttpClient _officer = app.CreateClient("chen.jing"); // a designer: the raw engine and deadline APIs
    private readonly HttpClient _supervisor = app.CreateClient("zhang.wei"); // a dispatcher: decides on extensions
    private readonly HttpClient _otherDispatcher = app.CreateClient("xu.qiang");

    private async Task<(string InstanceId, JsonObject Task)> StartReportAsync()
    {
        var businessKey = "R-" + Guid.NewGuid().ToString("N")[..10];
        var instance = await _officer.StartAsync("report-handling", businessKey);
        return ((string)instance["id"]!, await _officer.SingleOpenTaskAsync(businessKey));
    }

    private async Task<JsonObject> DeadlineAsync(string instanceId)
    {
        var list = (await (await _officer.GetAsync($"/api/process-instances/{instanceId}/deadlines")).Content.ReadFromJsonAsync<JsonArray>())!;
        return list.Single()!.AsObject();
    }

    [Fact]
    public async Task Task_ShowsItsDeadline_DueAsTheBusinessCalendarComputes()
    {
        var (_, task) = await StartReportAsync();

        var deadline = task["deadline"]!.AsObject();
        var calculator = app.Factory.Services.GetRequiredService<TimeLimitCalculator>();
        var expected = calculator.Calculate(new TimeLimit("PT4H", CalendarKind.Business, null), (DateTimeOffset)deadline["startedAt"]!);
        Assert.Equal(expected.Due, (DateTimeOffset)task["dueAt"]!);
        Assert.Equal(expected.Warning, (DateTimeOffset)deadline["warningAt"]!);
        Assert.Equal("green", (string?)deadline["colour"]);
        Assert.Equal("Pending", (string?)deadline["status"]);
    }

    [Fact]
    public async Task Extension_MovesTheDeadline_OnlyOnceSomeoneElseApprovesIt()
    {
        var (instanceId, _) = await StartReportAsync();
        var before = (await DeadlineAsync(instanceId))["deadline"]!.AsObject();

        // A dispatcher may both ask and decide, so the self-approval is refused for being their own request.
        var requested = await (await _supervisor.PostAsJsonAsync(
            $"/api/deadlines/{before["id"]}/extensions", new { extension = "PT2H", reason = "Waiting for the road authority's permit" }))
            .JsonAsync(HttpStatusCode.Created);
        var selfApproval = await _supervisor.PostAsJsonAsync($"/api/deadline-adjustments/{requested["id"]}/approve", new { });
        Assert.Equal((DateTimeOffset)before["dueAt"]!, (DateTimeOffset)(await DeadlineAsync(instanceId))["deadline"]!["dueAt"]!);
        var approved = await (await _otherDispatcher.PostAsJsonAsync($"/api/deadline-adjustments/{requested["id"]}/approve", new { note = "granted" }))
            .JsonAsync(HttpStatusCode.OK);
        var twice = await _otherDispatcher.PostAsJsonAsync($"/api/deadline-adjustments/{requested["id"]}/approve", new { });

        await selfApproval.ProblemAsync(HttpStatusCode.Conflict);
        await twice.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Approved", (string?)approved["status"]);
        Assert.Equal("xu.qiang", (string?)approved["decidedBy"]);
        var calculator = app.Factory.Services.GetRequiredService<TimeLimitCalculator>();
        var schedule = new TimeLimitSchedule((DateTimeOffset)before["startedAt"]!, (DateTimeOffset)before["warningAt"]!, (DateTimeOffset)before["dueAt"]!);
        var expected = calculator.Extend(schedule, "PT2H", CalendarKind.Business);
        var after = await DeadlineAsync(instanceId);
        Assert.Equal(expected.Due, (DateTimeOffset)after["deadline"]!["dueAt"]!);
        Assert.Equal(expected.Warning, (DateTimeOffset)after["deadline"]!["warningAt"]!);
        Assert.True(expected.Due > (DateTimeOffset)before["dueAt"]!);
        Assert.Single(after["adjustments"]!.AsArray());
    }

    [Fact]
    public async Task Suspension_StopsTheClock_AndResumingMovesTheDeadline()
    {
        var (instanceId, _) = await StartReportAsync();
        var deadlineId = (string)(await DeadlineAsync(instanceId))["deadline"]!["id"]!;

        var requested = await (await _officer.PostAsJsonAsync($"/api/deadlines/{deadlineId}/suspensions", new { reason = "Citizen unreachable" }))
            .JsonAsync(HttpStatusCode.Created);
        await (await _supervisor.PostAsJsonAsync($"/api/deadline-adjustments/{requested["id"]}/approve", new { })).JsonAsync(HttpStatusCode.OK);
        var paused = (await DeadlineAsync(instanceId))["deadline"]!.AsObject();
        var again = await _officer.PostAsJsonAsync($"/api/deadlines/{deadlineId}/suspensions", new { reason = "again" });
        var resumed = await (await _officer.PostAsync($"/api/deadline-adjustments/{requested["id"]}/resume", null)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("paused", (string?)paused["colour"]);
        Assert.NotNull(paused["pausedAt"]);
        await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Ended", (string?)resumed["status"]);
        var after = (await DeadlineAsync(instanceId))["deadline"]!.AsObject();
        Assert.Null(after["pausedAt"]);
        Assert.True((DateTimeOffset)after["dueAt"]! >= (DateTimeOffset)paused["dueAt"]!);
    }

    [Fact]
    public async Task Adjustments_RefuseBadInput_WithProblemDetails()
    {
        var (instanceId, _) = await StartReportAsync();
        var deadlineId = (string)(await DeadlineAsync(instanceId))["deadline"]!["id"]!;

        var noReason = await _officer.PostAsJsonAsync($"/api/deadlines/{deadlineId}/extensions", new { extension = "P1D" });
        var months = await _officer.PostAsJsonAsync($"/api/deadlines/{deadlineId}/extensions", new { extension = "P1M", reason = "long" });
        var unknown = await _officer.PostAsJsonAsync($"/api/deadlines/{Guid.NewGuid()}/extensions", new { extension = "P1D", reason = "x" });
        var unknownAdjustment = await _supervisor.PostAsJsonAsync($"/api/deadline-adjustments/{Guid.NewGuid()}/approve", new { });

        Assert.NotNull((await noReason.ProblemAsync(HttpStatusCode.BadRequest))["errors"]?["reason"]);
        Assert.Contains("months", (string?)(await months.ProblemAsync(HttpStatusCode.UnprocessableEntity))["detail"], StringComparison.Ordinal);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        await unknownAdjustment.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await DeadlineAsync(instanceId))["adjustments"]!.AsArray());
    }

    [Fact]
    public async Task Timeline_ShowsJournalAndDeadlineEvents_InTimeOrder()
    {
        var (instanceId, task) = await StartReportAsync();
        var deadlineId = (string)(await DeadlineAsync(instanceId))["deadline"]!["id"]!;
        var requested = await (await _officer.PostAsJsonAsync($"/api/deadlines/{deadlineId}/extensions", new { extension = "PT1H", reason = "busy" }))
            .JsonAsync(HttpStatusCode.Created);
        await _supervisor.PostAsJsonAsync($"/api/deadline-adjustments/{requested["id"]}/reject", new { note = "not needed" });
        (await _officer.CompleteAsync((string)task["id"]!, new { category = "road" })).EnsureSuccessStatusCode();

        var timeline = (await (await _officer.GetAsync($"/api/process-instances/{instanceId}/timeline")).Content.ReadFromJsonAsync<JsonArray>())!
            .Select(e => e!.AsObject()).ToList();

        var events = timeline.Select(e => (string)e["event"]!).ToList();
        Assert.Contains("DeadlineOpened", events);
        Assert.Contains("ExtensionRequested", events);
        Assert.Contains("ExtensionRejected", events);
        Assert.Contains("DeadlineCompletedOnTime", events);
        Assert.Contains("TaskCompleted", events);
        var times = timeline.Select(e => (DateTimeOffset)e["at"]!).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(HttpStatusCode.NotFound, (await _officer.GetAsync($"/api/process-instances/{Guid.NewGuid()}/timeline")).StatusCode);
    }

    [Fact]
    public async Task JobDashboard_OpensForAdministrators_Only()
    {
        using var admin = app.CreateClient("admin");

        var forAdmin = await admin.GetAsync("/admin/jobs");
        var forOfficer = await _officer.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        Assert.Contains("Tongguan deadline jobs", await forAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(forOfficer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"An officer got {forOfficer.StatusCode}.");
    }

    [Fact]
    public async Task CategoryLimit_OverridesTheStepDefault_ForTasksMarkedWithTheirStep()
    {
        var snapshot = app.Factory.Services.GetRequiredService<Tongguan.Cases.ReferenceData.ReferenceDataSnapshot>();
        var category = snapshot.Categories.First(c => c.StepLimits.Handle.Duration != "P3D");
        var businessKey = "R-" + Guid.NewGuid().ToString("N")[..10];
        var instance = await _officer.StartAsync("report-handling", businessKey, new { categoryCode = category.Code });
        var register = await _officer.SingleOpenTaskAsync(businessKey);
        var plainKey = "R-" + Guid.NewGuid().ToString("N")[..10];
        await _officer.StartAsync("report-handling", plainKey);
        (await _officer.CompleteAsync((string)(await _officer.SingleOpenTaskAsync(plainKey))["id"]!)).EnsureSuccessStatusCode();

        (await _officer.CompleteAsync((string)register["id"]!)).EnsureSuccessStatusCode();

        var handle = (await _officer.SingleOpenTaskAsync(businessKey))["deadline"]!;
        var plainHandle = (await _officer.SingleOpenTaskAsync(plainKey))["deadline"]!;
        Assert.Equal("PT4H", (string?)register["deadline"]!["limit"]);
        Assert.Equal(category.StepLimits.Handle.Duration, (string?)handle["limit"]);
        Assert.Equal(category.StepLimits.Handle.Calendar.ToString(), (string?)handle["calendar"]);
        Assert.Equal("P3D", (string?)plainHandle["limit"]);
        Assert.NotNull(instance["id"]);
    }
}

public sealed class SqliteDeadlinesApiTests(SqliteApp app) : DeadlinesApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgreSqlDeadlinesApiTests(PostgreSqlApp app) : DeadlinesApiTests<PostgreSqlApp>(app), IClassFixture<PostgreSqlApp>;
