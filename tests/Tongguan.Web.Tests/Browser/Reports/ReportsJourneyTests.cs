using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Reports;

/// <summary>The auditors' report page and the command-centre screen, driven in Chromium against the real host.</summary>
[Collection(BrowserSuite.Name)]
public sealed class ReportsJourneyTests(WebAppServer server, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Patiently = new() { Timeout = 60_000 };

    [Fact]
    public Task Auditor_SeesTheKpiMove_WhenACaseIsClosed() =>
        Journey.RunAsync(server, output, nameof(Auditor_SeesTheKpiMove_WhenACaseIsClosed), async page =>
        {
            var number = await ReportsData.FileCaseAsync(server);
            await page.GotoAsync("reports");
            var resolution = page.GetByTestId("kpi-resolutionRate");
            await resolution.WaitForAsync();
            await Assertions.Expect(resolution).ToContainTextAsync("Resolution rate");
            var closedBefore = int.Parse((await resolution.GetAttributeAsync("data-denominator"))!, CultureInfo.InvariantCulture);

            await ReportsData.CloseCaseAsync(server, number);
            await page.GetByTestId("reports-refresh").ClickAsync();

            await Assertions.Expect(resolution).ToHaveAttributeAsync("data-denominator", (closedBefore + 1).ToString(CultureInfo.InvariantCulture), Patiently);
            // Every case closed in this run was verified as resolved: the rate is 100 %, counted over the closed cases.
            await Assertions.Expect(resolution.GetByTestId("kpi-value")).ToHaveTextAsync("100.0 %");
            await Assertions.Expect(resolution.GetByTestId("kpi-counted")).ToContainTextAsync($"/ {closedBefore + 1}");
        }, user: ReportsData.Auditor);

    [Fact]
    public Task Auditor_GroupsByDepartment_RanksAndExports_WithABackgroundJob() =>
        Journey.RunAsync(server, output, nameof(Auditor_GroupsByDepartment_RanksAndExports_WithABackgroundJob), async page =>
        {
            await ReportsData.FileAndCloseCaseAsync(server);
            await page.GotoAsync("reports");
            await page.GetByTestId("kpi-resolutionRate").WaitForAsync();

            await page.Locator(".mud-select", new() { HasText = "Group by" }).First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Department" }).ClickAsync();
            await page.GetByTestId("reports-refresh").ClickAsync();
            await Assertions.Expect(page.GetByTestId("kpi-table").GetByTestId("kpi-row").First).ToBeVisibleAsync();

            await page.Locator(".mud-tab", new() { HasText = "Rankings and trends" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("ranking-best").GetByTestId("ranking-row").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("trend-chart")).ToHaveAttributeAsync("data-chart-ready", "true");

            await page.Locator(".mud-tab", new() { HasText = "Bottlenecks" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("bottlenecks-step").GetByTestId("bottleneck-row").First).ToBeVisibleAsync();

            await page.Locator(".mud-tab", new() { HasText = "Exports" }).ClickAsync();
            var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
            Assert.Equal("sla-kpis.csv", csv.SuggestedFilename);
            var xes = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xes").ClickAsync());
            Assert.Equal("tongguan-event-log.xes", xes.SuggestedFilename);

            await page.GetByTestId("export-job").ClickAsync();
            await Assertions.Expect(page.GetByTestId("job")).ToHaveAttributeAsync("data-status", "succeeded", Patiently);
            var result = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("job-result").ClickAsync());
            Assert.EndsWith(".xlsx", result.SuggestedFilename, StringComparison.Ordinal);
        }, user: ReportsData.Auditor);

    [Fact]
    public Task DesignerAuditor_AppliesARecommendation_AndADraftExists() =>
        Journey.RunAsync(server, output, nameof(DesignerAuditor_AppliesARecommendation_AndADraftExists), async page =>
        {
            await ReportsData.FileAndCloseCaseAsync(server);
            await page.GotoAsync("reports");
            await page.GetByTestId("kpi-resolutionRate").WaitForAsync();
            await page.Locator(".mud-tab", new() { HasText = "Time-limit recommendations" }).ClickAsync();

            // The verification step of case-handling: the editor journeys do not look at its limits.
            var verify = page.Locator("[data-testid='recommendation'][data-process='case-handling'][data-step='verify']").First;
            await verify.GetByTestId("apply-recommendation").ClickAsync();

            await Assertions.Expect(page.GetByTestId("applied")).ToContainTextAsync("case-handling");
            await Assertions.Expect(page.GetByTestId("applied-draft-link")).ToHaveAttributeAsync("href", "designer/case-handling");
            var draft = await page.APIRequest.GetAsync("api/definitions/case-handling/draft");
            Assert.Equal(200, draft.Status);
            Assert.Contains("tg:categoryLimits", await draft.TextAsync(), StringComparison.Ordinal);
            var changes = await page.APIRequest.GetAsync("api/sla/limit-changes?definitionKey=case-handling");
            Assert.Contains("\"appliedBy\":\"zhou.ming\"", await changes.TextAsync(), StringComparison.Ordinal);
        }, user: ReportsData.DesignerAuditor);

    [Fact]
    public Task Auditor_WithoutTheDesignerRole_SeesRecommendations_ButNoApplyButton() =>
        Journey.RunAsync(server, output, nameof(Auditor_WithoutTheDesignerRole_SeesRecommendations_ButNoApplyButton), async page =>
        {
            await ReportsData.FileAndCloseCaseAsync(server);
            await page.GotoAsync("reports");
            await page.GetByTestId("kpi-resolutionRate").WaitForAsync();
            await page.Locator(".mud-tab", new() { HasText = "时限建议" }).ClickAsync();

            await Assertions.Expect(page.GetByTestId("recommendation").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("apply-recommendation")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByText("仅流程设计人员可应用建议")).ToBeVisibleAsync();
        }, locale: "zh-CN", user: ReportsData.DistrictAuditor);

    [Fact]
    public Task CommandCentre_ShowsANewCasesMarker_WithoutAReload() =>
        Journey.RunAsync(server, output, nameof(CommandCentre_ShowsANewCasesMarker_WithoutAReload), async page =>
        {
            await page.GotoAsync("command-centre");
            var map = page.GetByTestId("command-centre-map");
            await Assertions.Expect(map).ToHaveAttributeAsync("data-map-ready", "true");
            await Assertions.Expect(page.GetByTestId("command-centre-updated")).Not.ToHaveAttributeAsync("data-refreshes", "0");
            await Assertions.Expect(page.GetByText("城市运行指挥中心")).ToBeVisibleAsync();
            var before = int.Parse((await map.GetAttributeAsync("data-marker-count"))!, CultureInfo.InvariantCulture);
            var open = int.Parse((await page.GetByTestId("tile-open").GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
            // A reload would lose this: the marker must come through the live circuit.
            await page.EvaluateAsync("() => { window.__tongguanNoReload = true; }");

            await ReportsData.FileCaseAsync(server);

            await Assertions.Expect(map).ToHaveAttributeAsync("data-marker-count", (before + 1).ToString(CultureInfo.InvariantCulture), Patiently);
            await Assertions.Expect(page.GetByTestId("tile-open")).ToHaveAttributeAsync("data-value", (open + 1).ToString(CultureInfo.InvariantCulture));
            Assert.True(await page.EvaluateAsync<bool>("() => window.__tongguanNoReload === true"));
        }, locale: "zh-CN", user: ReportsData.Dispatcher);
}
