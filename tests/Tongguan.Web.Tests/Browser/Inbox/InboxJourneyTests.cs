using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Inbox;

/// <summary>
/// The issue's journeys "an officer completes" and "a verifier closes", on the real host with cases filed through the
/// API, plus the small screen and the case page's refusals.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class InboxJourneyTests
{
    private readonly WebAppServer _server;
    private readonly ITestOutputHelper _output;

    public InboxJourneyTests(WebAppServer server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        OfficerCases.BeGenerous();
    }

    private static ILocator Task(IPage page, string number, string nodeId) =>
        page.Locator($"[data-testid=task][data-case='{number}'][data-node='{nodeId}']");

    /// <summary>Claims the case's task in the inbox and opens it.</summary>
    private static async Task ClaimAndOpenAsync(IPage page, string number, string nodeId)
    {
        await page.GotoAsync("inbox");
        var row = Task(page, number, nodeId);
        await row.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(row.GetByTestId("unclaim")).ToBeVisibleAsync();
        await row.GetByTestId("open").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/inbox/{number}/tasks/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("task-form")).ToBeVisibleAsync();
    }

    private static async Task CompleteAsync(IPage page)
    {
        await page.GetByTestId("complete").ClickAsync();
        await page.WaitForURLAsync(InboxAddress());
    }

    [Fact]
    public Task AnOfficerCompletes_ClaimingFillingTheFormAttachingAPhoto_AndTheCaseMovesOnToVerification() =>
        Journey.RunAsync(_server, _output, nameof(AnOfficerCompletes_ClaimingFillingTheFormAttachingAPhoto_AndTheCaseMovesOnToVerification), async page =>
        {
            await OfficerCases.SignInPatientlyAsync(page, OfficerCases.Officer);
            var number = await OfficerCases.FileAsync(_server, "D01-S01-C01-G02", "S0102", "春晖路88号垃圾桶满了，垃圾溢出到人行道上");

            await page.GotoAsync("inbox");
            await Assertions.Expect(page.GetByTestId("inbox-table")).ToBeVisibleAsync();
            var accept = Task(page, number, "accept");
            await Assertions.Expect(accept.GetByTestId("due")).ToHaveAttributeAsync("data-due-state", "green");
            Assert.True(int.Parse(await page.GetByTestId("count-unclaimed").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

            // Accept the dispatched case (签收).
            await ClaimAndOpenAsync(page, number, "accept");
            await page.GetByTestId("field-decision").GetByText("Accept", new() { Exact = true }).ClickAsync();
            await CompleteAsync(page);

            // Handle it: the API's field error shows beside the field, then the filled form with a photo goes through.
            await ClaimAndOpenAsync(page, number, "handle");
            await page.GetByTestId("field-outcome").GetByText("Done", new() { Exact = true }).ClickAsync();
            await page.GetByTestId("complete").ClickAsync();
            await Assertions.Expect(page.GetByTestId("error-result")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("task-message")).ToContainTextAsync("correct the marked fields");

            await page.Locator("[data-testid=field-result] textarea").First.FillAsync("已清运，垃圾桶已复位");
            await page.GetByTestId("photo-input").SetInputFilesAsync(new FilePayload { Name = "after.png", MimeType = "image/png", Buffer = OfficerCases.Png });
            await page.GetByTestId("upload").ClickAsync();
            await Assertions.Expect(page.GetByTestId("uploaded")).ToHaveTextAsync("after.png");
            await Assertions.Expect(page.GetByTestId("form-attachment")).ToContainTextAsync("after.png");
            await page.Locator("[data-testid=comment] textarea").First.FillAsync("已联系环卫公司，加密清运频次");
            await page.GetByTestId("comment-send").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=comment] textarea").First).ToHaveValueAsync("");
            await CompleteAsync(page);
            await Assertions.Expect(Task(page, number, "handle")).ToHaveCountAsync(0);

            // The case moved on: the community's verifier has it now, with the proof and the comment on record.
            await page.GotoAsync($"cases/{number}");
            await Assertions.Expect(page.GetByTestId("case-status")).ToHaveAttributeAsync("data-status", "Verifying");
            await Assertions.Expect(page.GetByTestId("attachment")).ToContainTextAsync("after.png");
            await Assertions.Expect(page.Locator("[data-testid=open-task][data-node=verify]")).ToContainTextAsync("verifier@D01-S01-C01");
            await Assertions.Expect(page.Locator("[data-testid=timeline-entry][data-event=Comment]")).ToContainTextAsync("加密清运频次");
            await Assertions.Expect(page.GetByTestId("case-map")).ToHaveAttributeAsync("data-marker-count", "1");

            var detail = await OfficerCases.CaseAsync(_server, number);
            Assert.Equal("Verifying", (string?)detail["case"]!["status"]);
            Assert.Equal("已清运，垃圾桶已复位", (string?)detail["case"]!["resolution"]);
        }, user: null);

    [Fact]
    public Task AVerifierCloses_TheCase_AndTheCasePageTimelineShowsIt_InChinese() =>
        Journey.RunAsync(_server, _output, nameof(AVerifierCloses_TheCase_AndTheCasePageTimelineShowsIt_InChinese), async page =>
        {
            await OfficerCases.SignInPatientlyAsync(page, OfficerCases.Verifier);
            var number = await OfficerCases.FileAsync(_server, "D01-S01-C01-G03", "S0103", "春晖路菜场门口路面油污，行人易滑倒");
            await OfficerCases.CompleteAsync(_server, number, "accept", OfficerCases.Officer, new { decision = "accept" });
            await OfficerCases.CompleteAsync(_server, number, "handle", OfficerCases.Officer, new { outcome = "done", result = "已冲洗路面" });

            await page.GotoAsync("inbox");
            await Assertions.Expect(page.GetByTestId("nav-inbox")).ToHaveTextAsync("任务收件箱");
            await ClaimAndOpenAsync(page, number, "verify");
            await Assertions.Expect(page.GetByTestId("task-form")).ToContainTextAsync("问题已解决");
            await page.GetByTestId("field-verified").GetByText("是", new() { Exact = true }).ClickAsync();
            await CompleteAsync(page);

            await page.GotoAsync($"cases/{number}");
            await Assertions.Expect(page.GetByTestId("case-status")).ToHaveAttributeAsync("data-status", "Closed");
            await Assertions.Expect(page.GetByTestId("case-status")).ToHaveTextAsync("已结案");
            await Assertions.Expect(page.Locator("[data-testid=timeline-entry][data-event=StatusChanged]").Last).ToContainTextAsync("Verifying → Closed");
            await Assertions.Expect(page.GetByTestId("reporter")).ToContainTextAsync(MaskedPhone());
        }, locale: "zh-CN", user: null);

    [Fact]
    public Task Inbox_OnAPhone_ShowsCards_WithoutSidewaysScrolling() =>
        Journey.RunAsync(_server, _output, nameof(Inbox_OnAPhone_ShowsCards_WithoutSidewaysScrolling), async page =>
        {
            await OfficerCases.SignInPatientlyAsync(page, OfficerCases.Officer);
            var number = await OfficerCases.FileAsync(_server, "D01-S01-C01-G01", "S0202", "春晖路公交站牌被人涂鸦");
            await page.SetViewportSizeAsync(390, 844);

            await page.GotoAsync("inbox");
            var card = Task(page, number, "accept");
            await Assertions.Expect(page.GetByTestId("inbox-cards")).ToBeVisibleAsync();
            await Assertions.Expect(card).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("inbox-table")).ToHaveCountAsync(0);
            await AssertNoSidewaysScrollingAsync(page);

            await card.GetByTestId("claim").ClickAsync();
            await Assertions.Expect(card.GetByTestId("unclaim")).ToBeVisibleAsync();
            await card.GetByTestId("open").ClickAsync();
            await Assertions.Expect(page.GetByTestId("task-form")).ToBeVisibleAsync();
            await AssertNoSidewaysScrollingAsync(page);

            await page.GotoAsync($"cases/{number}");
            await Assertions.Expect(page.GetByTestId("case-map")).ToHaveAttributeAsync("data-map-ready", "true");
            await AssertNoSidewaysScrollingAsync(page);
        }, user: null);

    [Fact]
    public Task CasePage_OutOfTheUsersScope_SaysNotFound_LikeAMissingCase() =>
        Journey.RunAsync(_server, _output, nameof(CasePage_OutOfTheUsersScope_SaysNotFound_LikeAMissingCase), async page =>
        {
            await OfficerCases.SignInPatientlyAsync(page, OfficerCases.Stranger);
            var number = await OfficerCases.FileAsync(_server, "D01-S01-C01-G04", "S0201", "春晖社区单元门口小广告");

            await page.GotoAsync($"cases/{number}");
            await Assertions.Expect(page.GetByTestId("case-not-found")).ToContainTextAsync(number);
            await Assertions.Expect(page.GetByTestId("case-summary")).ToHaveCountAsync(0);

            await page.GotoAsync("cases/TG-20260101-0000000000");
            await Assertions.Expect(page.GetByTestId("case-not-found")).ToContainTextAsync("TG-20260101-0000000000");
        }, user: null);

    [GeneratedRegex(@"138\*{4}\d{4}")]
    private static partial Regex MaskedPhone();

    [GeneratedRegex("/inbox$")]
    private static partial Regex InboxAddress();

    private static async Task AssertNoSidewaysScrollingAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways at {page.Url}: scrollWidth {widths[0]} > innerWidth {widths[1]}");
    }
}
