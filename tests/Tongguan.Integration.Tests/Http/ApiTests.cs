using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Persistence;

namespace Tongguan.Integration.Tests.Http;

/// <summary>The HTTP API end to end on one database provider; each concrete class runs it on one.</summary>
public abstract class ApiTests<TApp>(TApp app)
    where TApp : TongguanApp
{
    private readonly HttpClient _client = app.CreateClient();

    private static string NewBusinessKey() => "R-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Startup_AppliesEveryMigrationOfTheProvider()
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();

        var applied = await db.Database.GetAppliedMigrationsAsync();
        var pending = await db.Database.GetPendingMigrationsAsync();

        Assert.Equal(app.Provider switch
        {
            DatabaseProvider.PostgreSql => typeof(PostgreSqlTongguanDbContext),
            DatabaseProvider.SqlServer => typeof(SqlServerTongguanDbContext),
            _ => typeof(SqliteTongguanDbContext),
        }, db.GetType());
        Assert.Empty(pending);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.NotEmpty(applied);
    }

    [Fact]
    public async Task Startup_PublishesTheDemoDefinitions()
    {
        var response = await _client.GetAsync("/api/definitions");

        var keys = (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(d => (string?)d!["key"]).ToList();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("report-handling", keys);
        Assert.Contains("citizen-callback", keys);
    }

    [Fact]
    public async Task Start_ReturnsNotFoundProblem_WhenDefinitionKeyUnknown()
    {
        var response = await _client.PostAsJsonAsync("/api/process-instances", new { definitionKey = "no-such-process", businessKey = "x" });

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no-such-process", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ReturnsValidationProblem_WhenDefinitionKeyMissing()
    {
        var response = await _client.PostAsJsonAsync("/api/process-instances", new { businessKey = "x" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?["definitionKey"]);
    }

    [Fact]
    public async Task Start_ReturnsBadRequestProblem_WhenBodyIsNotJson()
    {
        var response = await _client.PostAsync(
            "/api/process-instances", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StartedInstance_WaitsAtRegister_WithATaskForIntake()
    {
        var businessKey = NewBusinessKey();

        var instance = await _client.StartAsync("report-handling", businessKey, new { category = "road" });
        var page = await (await _client.GetAsync($"/api/tasks?candidateGroup=intake&businessKey={businessKey}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Running", (string?)instance["status"]);
        Assert.Equal("road", (string?)instance["variables"]!["category"]);
        var task = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal("register", (string?)task["nodeId"]);
        Assert.Equal((string?)instance["id"], (string?)task["instanceId"]);
        Assert.Equal(1, (int)page["total"]!);
    }

    [Fact]
    public async Task Complete_ReturnsConflict_WhenTaskAlreadyCompleted()
    {
        var businessKey = NewBusinessKey();
        await _client.StartAsync("report-handling", businessKey);
        var task = await _client.SingleOpenTaskAsync(businessKey);

        var first = await _client.CompleteAsync((string)task["id"]!);
        var second = await _client.CompleteAsync((string)task["id"]!);

        var instance = await first.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("handle", (string?)instance["waitingAt"]![0]!["nodeId"]);
        var problem = await second.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains((string)task["id"]!, (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_ReturnsNotFoundProblem_WhenTaskUnknown()
    {
        var response = await _client.CompleteAsync("no-such-task");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReportHandling_ReworksOnFailedVerification_ThenCloses()
    {
        var businessKey = NewBusinessKey();
        var started = await _client.StartAsync("report-handling", businessKey);

        async Task<string> CompleteOpenTaskAsync(object? output = null)
        {
            var task = await _client.SingleOpenTaskAsync(businessKey);
            (await _client.CompleteAsync((string)task["id"]!, output)).EnsureSuccessStatusCode();
            return (string)task["nodeId"]!;
        }

        var visited = new List<string>
        {
            await CompleteOpenTaskAsync(),
            await CompleteOpenTaskAsync(),
            await CompleteOpenTaskAsync(new { verified = false }),
            await CompleteOpenTaskAsync(),
            await CompleteOpenTaskAsync(new { verified = true }),
        };

        Assert.Equal(["register", "handle", "verify", "handle", "verify"], visited);
        var instance = await _client.GetInstanceAsync((string)started["id"]!);
        Assert.Equal("Completed", (string?)instance["status"]);
        var journal = await _client.GetFromJsonAsync<JsonArray>($"/api/process-instances/{started["id"]}/journal");
        Assert.Contains(journal!, line => (string?)line!["eventType"] == "InstanceCompleted");
        Assert.Contains(journal!, line => (string?)line!["actorId"] == "admin");
    }

    [Fact]
    public async Task Claim_ReturnsConflict_WhenSomeoneElseHoldsTheTask()
    {
        var businessKey = NewBusinessKey();
        await _client.StartAsync("report-handling", businessKey);
        var task = await _client.SingleOpenTaskAsync(businessKey);
        var other = app.CreateClient("chen.jing");

        var claimed = await (await _client.PostAsync($"/api/tasks/{task["id"]}/claim", null)).JsonAsync(HttpStatusCode.OK);
        var refused = await other.PostAsync($"/api/tasks/{task["id"]}/claim", null);

        Assert.Equal("admin", (string?)claimed["assignee"]);
        await refused.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Message_MovesCallbackInstanceOn_ByBusinessKey()
    {
        var businessKey = NewBusinessKey();
        var started = await _client.StartAsync("citizen-callback", businessKey);
        var callBack = await _client.SingleOpenTaskAsync(businessKey);
        (await _client.CompleteAsync((string)callBack["id"]!)).EnsureSuccessStatusCode();

        var wrongKey = await _client.PostAsJsonAsync("/api/messages", new { name = "SatisfactionRated", correlationKey = "someone-else" });
        var delivered = await _client.PostAsJsonAsync(
            "/api/messages", new { name = "SatisfactionRated", correlationKey = businessKey, payload = new { satisfied = true } });

        await wrongKey.ProblemAsync(HttpStatusCode.NotFound);
        var result = await delivered.JsonAsync(HttpStatusCode.OK);
        Assert.Equal((string?)started["id"], (string?)Assert.Single(result["delivered"]!.AsArray()));
        var instance = await _client.GetInstanceAsync((string)started["id"]!);
        Assert.Equal("Completed", (string?)instance["status"]);
        Assert.True((bool)instance["variables"]!["satisfied"]!);
    }

    [Fact]
    public async Task Cancel_EndsTheInstance_AndRefusesASecondCancel()
    {
        var started = await _client.StartAsync("report-handling", NewBusinessKey());

        var cancelled = await (await _client.PostAsJsonAsync($"/api/process-instances/{started["id"]}/cancel", new { reason = "duplicate report" }))
            .JsonAsync(HttpStatusCode.OK);
        var again = await _client.PostAsJsonAsync($"/api/process-instances/{started["id"]}/cancel", new { reason = "again" });

        Assert.Equal("Cancelled", (string?)cancelled["status"]);
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Validate_ReturnsBadRequestProblem_WithElementIdAndLine()
    {
        var response = await _client.PostXmlAsync("/api/definitions/validate", ProbeProcesses.WithUnsupportedGateway);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var problems = problem["problems"]!.AsArray();
        var gateway = Assert.Single(problems, p => (string?)p!["elementId"] == "tooComplex")!;
        Assert.Equal(5, (int)gateway["line"]!);
        Assert.Equal("Error", (string?)gateway["severity"]);
        Assert.Matches(@"^\d+ error\(s\); the first at line \d+", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Validate_ReturnsOk_ForAValidDefinition()
    {
        var response = await _client.PostXmlAsync("/api/definitions/validate", ProbeProcesses.Sequence("valid-probe", "a"));

        var result = await response.JsonAsync(HttpStatusCode.OK);
        Assert.True((bool)result["valid"]!);
    }

    [Fact]
    public async Task Publish_ReturnsBadRequestProblem_WhenDefinitionHasErrors()
    {
        var response = await _client.PostXmlAsync("/api/definitions", ProbeProcesses.WithUnsupportedGateway);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem["problems"]!.AsArray(), p => (string?)p!["elementId"] == "tooComplex" && (int)p["line"]! == 5);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/definitions/bad/versions")).StatusCode);
    }

    [Fact]
    public async Task Publish_StartsNewInstancesOnTheNewVersion_WhileRunningOnesStay()
    {
        var key = ProbeProcesses.NewKey("versioned");
        var v1 = await (await _client.PostXmlAsync("/api/definitions", ProbeProcesses.Sequence(key, "a"))).JsonAsync(HttpStatusCode.Created);
        var old = await _client.StartAsync(key, NewBusinessKey());

        var unchanged = await (await _client.PostXmlAsync("/api/definitions", ProbeProcesses.Sequence(key, "a"))).JsonAsync(HttpStatusCode.OK);
        var v2 = await (await _client.PostXmlAsync("/api/definitions", ProbeProcesses.Sequence(key, "a", "b"))).JsonAsync(HttpStatusCode.Created);
        var fresh = await _client.StartAsync(key, NewBusinessKey());

        Assert.Equal(1, (int)v1["definitions"]![0]!["version"]!);
        Assert.Equal(1, (int)unchanged["definitions"]![0]!["version"]!);
        Assert.False((bool)unchanged["definitions"]![0]!["isNewVersion"]!);
        Assert.Equal(2, (int)v2["definitions"]![0]!["version"]!);
        Assert.Equal(2, (int)fresh["definitionVersion"]!);
        Assert.Equal(1, (int)(await _client.GetInstanceAsync((string)old["id"]!))["definitionVersion"]!);
        var versions = await _client.GetFromJsonAsync<JsonArray>($"/api/definitions/{key}/versions");
        Assert.Equal([1, 2], versions!.Select(v => (int)v!["version"]!));
        var xml = await _client.GetStringAsync($"/api/definitions/{key}/versions/2");
        Assert.Contains("id=\"b\"", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_ReturnsUnprocessable_AndKeepsTheTaskOpen_WhenNoGatewayFlowHolds()
    {
        var key = ProbeProcesses.NewKey("stuck");
        var xml = $$"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="d" targetNamespace="t">
              <process id="{{key}}" isExecutable="true">
                <startEvent id="start" />
                <sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
                <userTask id="decide" tg:candidateGroups="officer" />
                <sequenceFlow id="f2" sourceRef="decide" targetRef="gw" />
                <exclusiveGateway id="gw" />
                <sequenceFlow id="yes" sourceRef="gw" targetRef="end"><conditionExpression>${approved === true}</conditionExpression></sequenceFlow>
                <sequenceFlow id="no" sourceRef="gw" targetRef="end"><conditionExpression>${approved === false}</conditionExpression></sequenceFlow>
                <endEvent id="end" />
              </process>
            </definitions>
            """;
        await (await _client.PostXmlAsync("/api/definitions", xml)).JsonAsync(HttpStatusCode.Created);
        var businessKey = NewBusinessKey();
        await _client.StartAsync(key, businessKey);
        var task = await _client.SingleOpenTaskAsync(businessKey);

        var refused = await (await _client.CompleteAsync((string)task["id"]!, new { approved = "maybe" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var completed = await _client.CompleteAsync((string)task["id"]!, new { approved = true });

        Assert.Contains("gw", (string)refused["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
    }

    [Fact]
    public async Task Draft_IsSavedAndPublished()
    {
        var key = ProbeProcesses.NewKey("drafted");
        var xml = ProbeProcesses.Sequence(key, "a");

        var saved = await _client.PutAsync($"/api/definitions/{key}/draft", new StringContent(xml, System.Text.Encoding.UTF8, "application/xml"));
        var stored = await _client.GetStringAsync($"/api/definitions/{key}/draft");
        var published = await _client.PostAsync($"/api/definitions/{key}/draft/publish", null);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(xml, stored);
        var result = await published.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(key, (string?)result["definitions"]![0]!["key"]);
    }

    [Fact]
    public async Task Migrate_MovesARunningInstance_OrRefusesWithReasons()
    {
        var key = ProbeProcesses.NewKey("migrated");
        await _client.PostXmlAsync("/api/definitions", ProbeProcesses.Sequence(key, "a"));
        var instance = await _client.StartAsync(key, NewBusinessKey());
        await _client.PostXmlAsync("/api/definitions", ProbeProcesses.Sequence(key, "a", "b"));
        await _client.PostXmlAsync("/api/definitions", ProbeProcesses.Sequence(key, "c"));

        var refused = await _client.PostAsJsonAsync($"/api/definitions/{key}/migrations", new { instanceId = instance["id"], targetVersion = 3 });
        var moved = await _client.PostAsJsonAsync($"/api/definitions/{key}/migrations", new { instanceId = instance["id"], targetVersion = 2 });

        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.NotEmpty(problem["reasons"]!.AsArray());
        var result = await moved.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)result["definitionVersion"]!);
        Assert.Equal(2, (int)(await _client.GetInstanceAsync((string)instance["id"]!))["definitionVersion"]!);
    }

    [Fact]
    public async Task ReferenceData_IsServedByTheHost_WithRoutingExplained()
    {
        var categories = await _client.GetAsync("/api/reference/categories");
        var cell = await _client.GetAsync("/api/reference/grid-cells?lat=31.2&lon=121.45");
        var outside = await _client.GetAsync("/api/reference/grid-cells?lat=39.9&lon=116.4");

        Assert.Equal(HttpStatusCode.OK, categories.StatusCode);
        Assert.Contains("S0501", await categories.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, cell.StatusCode);
        await outside.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheApi()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/process-instances", paths);
        Assert.Contains("/api/tasks/{id}/complete", paths);
        Assert.Contains("/api/definitions/validate", paths);
    }
}

public sealed class SqliteApiTests(SqliteApp app) : ApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PostgreSqlApiTests(PostgreSqlApp app) : ApiTests<PostgreSqlApp>(app), IClassFixture<PostgreSqlApp>;
