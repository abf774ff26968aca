using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.SlaApply;

/// <summary>
/// Applying an SLA recommendation over HTTP on the real host: the change lands in the process's draft (validated,
/// audited), nothing is published until a designer publishes, and then new cases of the category get the new limit.
/// </summary>
public abstract class ApplyRecommendationTests<TApp>
    where TApp : TongguanApp, ICaseApp
{
    private const string Designer = "chen.jing";
    private const string Hotline = "wang.fang";
    private const string Apply = "/api/sla/recommendations/apply";

    private readonly TApp app;
    private readonly HttpClient _designer;

    protected ApplyRecommendationTests(TApp app)
    {
        this.app = app;
        _designer = app.CreateClient(Designer);

        // Beyond the duplicate window of cases earlier tests filed at the same place.
        app.Clock.Advance(TimeSpan.FromDays(4));
    }

    private async Task<int> LatestVersionAsync(string key)
    {
        var versions = (await (await _designer.GetAsync($"/api/definitions/{key}/versions")).Content.ReadFromJsonAsync<JsonArray>())!;
        return versions.Max(v => (int)v!["version"]!);
    }

    private async Task<List<JsonObject>> ChangesAsync(string key) =>
        [.. (await (await _designer.GetAsync($"/api/sla/limit-changes?definitionKey={key}")).Content.ReadFromJsonAsync<JsonArray>())!.Select(c => c!.AsObject())];

    [Fact]
    public async Task Apply_WritesTheCategoryLimitIntoANewDraft_WithoutPublishing_AndAuditsIt()
    {
        var before = await LatestVersionAsync("case-handling");

        var applied = await (await _designer.PostAsJsonAsync(Apply, new
        {
            definitionKey = "case-handling", nodeId = "handle", categoryCode = "S0103", limit = "P2D", note = "p90 is 1.6 working days",
        })).JsonAsync(HttpStatusCode.OK);

        var xml = (string)applied["draft"]!["xml"]!;
        Assert.Contains("tg:categoryLimits=\"S0103=P2D\"", xml, StringComparison.Ordinal);
        Assert.Contains("tg:timeLimit=\"P3D\"", xml, StringComparison.Ordinal);
        Assert.Equal(Designer, (string?)applied["draft"]!["updatedBy"]);
        Assert.Equal(xml, await _designer.GetStringAsync("/api/definitions/case-handling/draft"));
        Assert.Equal(before, await LatestVersionAsync("case-handling"));
        using var validate = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml");
        var validation = await (await _designer.PostAsync("/api/definitions/validate", validate)).JsonAsync(HttpStatusCode.OK);
        Assert.True((bool)validation["valid"]!);

        var change = applied["change"]!;
        Assert.Equal(Designer, (string?)change["appliedBy"]);
        Assert.Equal(before, (int?)change["baseVersion"]);
        Assert.Equal("S0103", (string?)change["categoryCode"]);
        Assert.Equal("referenceData", (string?)change["oldLimitSource"]);
        Assert.Equal("P2D", (string?)change["newLimit"]);
        var listed = Assert.Single(await ChangesAsync("case-handling"), c => (string?)c["id"] == (string?)change["id"]);
        Assert.Equal("p90 is 1.6 working days", (string?)listed["note"]);
        Assert.Equal("handle", (string?)listed["nodeId"]);
    }

    [Fact]
    public async Task Apply_WithoutCategory_SetsTheStepsDefaultLimit_AndFlagsALooserOne()
    {
        var tighter = await (await _designer.PostAsJsonAsync(Apply, new { definitionKey = "case-escalation", nodeId = "decide", categoryCode = (string?)null, limit = "PT1H" }))
            .JsonAsync(HttpStatusCode.OK);
        var looser = await (await _designer.PostAsJsonAsync(Apply, new { definitionKey = "case-escalation", nodeId = "decide", limit = "P20D" }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.Contains("tg:timeLimit=\"PT1H\"", (string)tighter["draft"]!["xml"]!, StringComparison.Ordinal);
        Assert.False((bool)tighter["change"]!["loosened"]!);
        Assert.Empty(tighter["flags"]!.AsArray());
        Assert.Contains("tg:timeLimit=\"P20D\"", (string)looser["draft"]!["xml"]!, StringComparison.Ordinal);
        Assert.True((bool)looser["change"]!["onDraft"]!);
        Assert.Equal("PT1H", (string?)looser["change"]!["oldLimit"]);
        Assert.True((bool)looser["change"]!["loosened"]!);
        Assert.Single(looser["flags"]!.AsArray());
    }

    [Fact]
    public async Task PublishedDraft_GivesNewCasesOfTheCategoryTheNewLimit()
    {
        var applied = await (await _designer.PostAsJsonAsync(Apply, new { definitionKey = "case-dispatch", nodeId = "accept", categoryCode = "S0102", limit = "PT1H" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("PT2H", (string?)applied["change"]!["oldLimit"]);
        var unpublishedVersion = await LatestVersionAsync("case-dispatch");
        var first = await FileGarbageCaseAsync();
        Assert.Equal("PT2H", await AcceptLimitAsync(first));

        var published = await (await _designer.PostAsync("/api/definitions/case-dispatch/draft/publish", null)).JsonAsync(HttpStatusCode.Created);
        Assert.Contains(published["definitions"]!.AsArray(), d => (int?)d!["version"] == unpublishedVersion + 1);
        var second = await FileGarbageCaseAsync();

        Assert.Equal("PT1H", await AcceptLimitAsync(second));
        var accept = await app.CreateClient(Hotline).OpenTaskAsync(second, "accept");
        Assert.Equal(unpublishedVersion + 1, (int?)accept["definitionVersion"]);
    }

    private async Task<string> FileGarbageCaseAsync()
    {
        var cell = app.At(app.Reference().GridCellsOf("D01-S01-C01")[2].Id);
        var filed = await app.CreateClient(Hotline).FileAsync(
            CaseSteps.Report("Hotline12345", "S0102", cell, "春晖路垃圾桶满溢 " + Guid.NewGuid().ToString("N"), "13812345678"));
        Assert.Equal("Filed", (string?)filed["outcome"]);

        // The next case at the same place is then past the duplicate window, a case of its own.
        app.Clock.Advance(TimeSpan.FromDays(4));
        return (string)filed["caseNumber"]!;
    }

    private async Task<string?> AcceptLimitAsync(string caseNumber)
    {
        var accept = await app.CreateClient(Hotline).OpenTaskAsync(caseNumber, "accept");
        var deadlines = (await (await _designer.GetAsync($"/api/process-instances/{accept["instanceId"]}/deadlines")).Content.ReadFromJsonAsync<JsonArray>())!;
        return (string?)deadlines.Single(d => (string?)d!["deadline"]!["nodeId"] == "accept")!["deadline"]!["limit"];
    }

    [Fact]
    public async Task Apply_KeepsTheRestOfADraft_IncludingItsDiagram()
    {
        const string draft = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                              xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="https://tongguan.dev/test">
              <!-- drawn in the editor -->
              <bpmn:process id="sla-probe" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
                <bpmn:userTask id="work" name="Work  (处置)" />
                <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="diagram">
                <bpmndi:BPMNPlane id="plane" bpmnElement="sla-probe">
                  <bpmndi:BPMNShape id="work_di" bpmnElement="work"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
        using var body = new StringContent(draft, System.Text.Encoding.UTF8, "application/xml");
        await (await _designer.PutAsync("/api/definitions/sla-probe/draft", body)).JsonAsync(HttpStatusCode.OK);

        var applied = await (await _designer.PostAsJsonAsync(Apply, new { definitionKey = "sla-probe", nodeId = "work", limit = "P1DT4H" })).JsonAsync(HttpStatusCode.OK);

        var xml = (string)applied["draft"]!["xml"]!;
        Assert.Equal(
            draft.Replace("<bpmn:userTask id=\"work\" name=\"Work  (处置)\" />", "<bpmn:userTask id=\"work\" name=\"Work  (处置)\" tg:timeLimit=\"P1DT4H\" />", StringComparison.Ordinal)
                .Replace("targetNamespace=\"https://tongguan.dev/test\"", "targetNamespace=\"https://tongguan.dev/test\" xmlns:tg=\"https://tongguan.dev/schema/bpmn\"", StringComparison.Ordinal)
                .ReplaceLineEndings("\n"),
            xml.ReplaceLineEndings("\n"));
        Assert.Null((int?)applied["change"]!["baseVersion"]);
        Assert.Null((string?)applied["change"]!["oldLimit"]);
    }

    [Fact]
    public async Task Apply_IsForbidden_ToUsersWithoutTheDesignerRole()
    {
        var before = (await ChangesAsync("case-intake")).Count;

        var refused = await app.CreateClient(Hotline).PostAsJsonAsync(Apply, new { definitionKey = "case-intake", nodeId = "review", limit = "PT1H" });

        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, (await ChangesAsync("case-intake")).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await _designer.GetAsync("/api/definitions/case-intake/draft")).StatusCode);
    }

    [Theory]
    [InlineData("no-such-process", "handle", "S0102", "P1D", HttpStatusCode.NotFound)]
    [InlineData("case-handling", "nowhere", "S0102", "P1D", HttpStatusCode.NotFound)]
    [InlineData("case-handling", "report", null, "P1D", HttpStatusCode.BadRequest)]
    [InlineData("case-handling", "callback", "S0102", "P1D", HttpStatusCode.BadRequest)]
    [InlineData("case-handling", "handle", "S9999", "P1D", HttpStatusCode.BadRequest)]
    [InlineData("case-handling", "handle", "S0102", "two days", HttpStatusCode.BadRequest)]
    [InlineData("case-handling", "handle", "S0102", "P1M", HttpStatusCode.BadRequest)]
    [InlineData("case-handling", "handle", "S0102", "P1W", HttpStatusCode.BadRequest)]
    [InlineData("case-handling", "handle", "S0102", "", HttpStatusCode.BadRequest)]
    public async Task Apply_RefusesBadInput_AsProblemDetails(string key, string nodeId, string? category, string limit, HttpStatusCode expected)
    {
        var before = (await ChangesAsync(key)).Count;

        var response = await _designer.PostAsJsonAsync(Apply, new { definitionKey = key, nodeId, categoryCode = category, limit });

        var problem = await response.ProblemAsync(expected);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"] ?? (string?)problem["errors"]?.ToJsonString()));
        Assert.Equal(before, (await ChangesAsync(key)).Count);
    }
}

public sealed class SqliteApplyRecommendationTests(SqliteCaseApp app) : ApplyRecommendationTests<SqliteCaseApp>(app), IClassFixture<SqliteCaseApp>;

public sealed class PostgreSqlApplyRecommendationTests(PostgreSqlCaseApp app) : ApplyRecommendationTests<PostgreSqlCaseApp>(app), IClassFixture<PostgreSqlCaseApp>;
