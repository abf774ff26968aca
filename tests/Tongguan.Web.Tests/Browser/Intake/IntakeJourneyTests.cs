using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Intake;

/// <summary>
/// The intake console and the dispatch queue in a real browser: an agent merges a duplicate after seeing the
/// suggestion's reasons and its marker, an agent files a new case (zh-CN), a dispatcher dispatches a queued case.
/// Each journey uses its own grid cell, so the cases of one do not show up as duplicates in another.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class IntakeJourneyTests(WebAppServer server, ITestOutputHelper output)
{
    [Fact]
    public Task Agent_MergesADuplicate_AfterSeeingTheSuggestionWithReasonsAndMarker() =>
        Journey.RunAsync(server, output, nameof(Agent_MergesADuplicate_AfterSeeingTheSuggestionWithReasonsAndMarker), async page =>
        {
            var at = await IntakeData.CellCentreAsync(page, "D01-S02-C01-G02");
            var tag = IntakeData.Tag();
            var existing = await IntakeData.FileAsync(page, "S0102", at, $"江畔路{tag}16号门口垃圾桶满溢，垃圾堆到路边");

            await page.GotoAsync("intake");
            await page.GetByTestId("intake-map").And(page.Locator("[data-map-ready=true]")).WaitForAsync();
            await page.GetByTestId("channel").SelectOptionAsync("CitizenApp");
            await page.GetByTestId("category").SelectOptionAsync("S0102");
            await IntakeData.FillAsync(page, "description", $"江畔路{tag}16号垃圾桶满了溢出来了");
            await IntakeData.FillAsync(page, "latitude", IntakeData.Number(at.Lat + 0.0002));
            await IntakeData.FillAsync(page, "longitude", IntakeData.Number(at.Lon));
            await page.GetByTestId("check-duplicates").ClickAsync();

            var suggestion = page.Locator($"[data-testid=suggestion][data-case='{existing}']");
            await Assertions.Expect(suggestion).ToBeVisibleAsync();
            await Assertions.Expect(suggestion.GetByTestId("reason").First).ToContainTextAsync(MetresAway());
            await Assertions.Expect(suggestion.GetByTestId("suggestion-reasons")).ToContainTextAsync("same category");
            await Assertions.Expect(page.GetByTestId("intake-map")).ToHaveAttributeAsync("data-marker-count", "2");

            await suggestion.GetByTestId("merge").ClickAsync();

            await Assertions.Expect(page.GetByTestId("outcome")).ToHaveAttributeAsync("data-outcome", "Merged");
            await Assertions.Expect(page.GetByTestId("outcome-case")).ToHaveTextAsync(existing);
            await Assertions.Expect(page.GetByTestId("outcome-case")).ToHaveAttributeAsync("href", $"cases/{existing}");
            var merged = await IntakeData.CaseAsync(page, existing);
            Assert.Equal(2, (int)merged["case"]!["reportCount"]!);
            Assert.Contains(merged["reports"]!.AsArray(), r => (string?)r!["link"] == "MergedByAgent" && (string?)r["channel"] == "CitizenApp");
        }, user: IntakeData.Agent);

    [Fact]
    public Task Agent_FilesANewCase_WhenNothingNearbyIsTheSame_InChinese() =>
        Journey.RunAsync(server, output, nameof(Agent_FilesANewCase_WhenNothingNearbyIsTheSame_InChinese), async page =>
        {
            var at = await IntakeData.CellCentreAsync(page, "D02-S01-C01-G03");

            await page.GotoAsync("");
            await page.GetByTestId("nav-intake").ClickAsync();
            await page.WaitForURLAsync(new Regex("/intake$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "受理台" })).ToBeVisibleAsync();
            await page.GetByTestId("category").SelectOptionAsync("B0101");
            await IntakeData.FillAsync(page, "description", $"市民来电反映路口{IntakeData.Tag()}井盖缺失，存在安全隐患");
            await IntakeData.FillAsync(page, "address", "西岭路口");
            await IntakeData.FillAsync(page, "latitude", IntakeData.Number(at.Lat));
            await IntakeData.FillAsync(page, "longitude", IntakeData.Number(at.Lon));
            await IntakeData.FillAsync(page, "reporter-name", "李女士");
            await IntakeData.FillAsync(page, "reporter-phone", "13900001234");
            await page.GetByTestId("check-duplicates").ClickAsync();

            await Assertions.Expect(page.GetByTestId("no-duplicates")).ToContainTextAsync("附近没有相似的在办案件");
            await page.GetByTestId("file-new").ClickAsync();

            await Assertions.Expect(page.GetByTestId("outcome")).ToHaveAttributeAsync("data-outcome", "Filed");
            await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync("已立为新案件");
            var number = await page.GetByTestId("outcome-case").TextContentAsync();
            var filed = await IntakeData.CaseAsync(page, number!.Trim());
            Assert.Equal("B0101", (string?)filed["case"]!["categoryCode"]);
            Assert.Equal("李女士", (string?)filed["reports"]![0]!["reporterName"]);
            Assert.NotEqual("Registered", (string?)filed["case"]!["status"]);
        }, locale: "zh-CN", user: IntakeData.OtherAgent);

    [Fact]
    public Task Agent_SeesTheFieldErrors_OfAReportOutsideTheCity() =>
        Journey.RunAsync(server, output, nameof(Agent_SeesTheFieldErrors_OfAReportOutsideTheCity), async page =>
        {
            await page.GotoAsync("intake");
            await page.GetByTestId("category").SelectOptionAsync("S0102");
            await IntakeData.FillAsync(page, "description", "垃圾桶满溢");
            await IntakeData.FillAsync(page, "latitude", "10");
            await IntakeData.FillAsync(page, "longitude", "10");
            await page.GetByTestId("check-duplicates").ClickAsync();

            await Assertions.Expect(page.GetByTestId("intake-error")).ToContainTextAsync("outside the city");
            await Assertions.Expect(page.GetByTestId("check-result")).ToHaveCountAsync(0);
        }, user: IntakeData.Agent);

    [Fact]
    public Task Dispatcher_DispatchesAQueuedCase_WhichLeavesTheQueue() =>
        Journey.RunAsync(server, output, nameof(Dispatcher_DispatchesAQueuedCase_WhichLeavesTheQueue), async page =>
        {
            // Construction dust (S0303) is disputed between departments: the rules leave it to the dispatcher.
            var at = await IntakeData.CellCentreAsync(page, "D01-S03-C01-G01");
            var number = await IntakeData.FileAsync(page, "S0303", at, $"工地{IntakeData.Tag()}号扬尘严重，未覆盖裸土");

            await page.GotoAsync("dispatch");
            var row = page.Locator($"[data-testid=queue-row][data-case='{number}']");
            // The colour depends on the wall clock against the business calendar; that it has one shows the limit runs.
            await Assertions.Expect(row).ToHaveAttributeAsync("data-colour", DueColour());
            await Assertions.Expect(row.GetByTestId("due")).Not.ToBeEmptyAsync();
            await row.ClickAsync();
            await Assertions.Expect(page.GetByTestId("routing-explanation")).Not.ToBeEmptyAsync();
            await Assertions.Expect(page.GetByTestId("dispatcher-decides")).ToBeVisibleAsync();
            await page.GetByTestId("unit").SelectOptionAsync("D01-chengguan");
            await IntakeData.FillAsync(page, "dispatch-note", "扬尘由城管执法先行处置");
            await page.GetByTestId("dispatch-chosen").ClickAsync();

            await Assertions.Expect(page.GetByTestId("dispatch-message")).ToContainTextAsync(number);
            await Assertions.Expect(row).ToHaveCountAsync(0);
            var dispatched = await IntakeData.CaseAsync(page, number);
            Assert.Equal("Dispatched", (string?)dispatched["case"]!["status"]);
            Assert.Contains(dispatched["openTasks"]!.AsArray(), t => (string?)t!["candidateGroups"]![0] == "officer@D01-chengguan");
        }, user: IntakeData.Dispatcher);

    [Fact]
    public Task Officer_SeesNeitherConsoleNorQueue() =>
        Journey.RunAsync(server, output, nameof(Officer_SeesNeitherConsoleNorQueue), async page =>
        {
            await page.GotoAsync("");
            await Assertions.Expect(page.GetByTestId("user")).ToHaveTextAsync("cao.yang");
            await Assertions.Expect(page.GetByTestId("nav-intake")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("nav-dispatch")).ToHaveCountAsync(0);

            await page.GotoAsync("dispatch");
            await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        }, user: "cao.yang");

    [GeneratedRegex("^(green|yellow|red)$")]
    private static partial Regex DueColour();

    [GeneratedRegex(@"\d+ m away")]
    private static partial Regex MetresAway();
}
