using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Inbox;

/// <summary>
/// The inbox's pictures in docs/screenshots (inbox-desktop.png, inbox-phone.png, inbox-task.png, case-page.png), taken
/// like <see cref="ScreenshotTests"/>: to refresh the docs, run
/// <c>TONGGUAN_SCREENSHOTS=docs/screenshots dotnet test tests/Tongguan.Web.Tests --filter FullyQualifiedName~InboxScreenshotTests</c>.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class InboxScreenshotTests
{
    private readonly WebAppServer _server;
    private readonly ITestOutputHelper _output;

    public InboxScreenshotTests(WebAppServer server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        OfficerCases.BeGenerous();
    }

    private static string Folder =>
        Environment.GetEnvironmentVariable("TONGGUAN_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder, EditorJourneyTests.RepositoryRoot())
            : Path.Combine(Journey.ScreenshotFolder, "docs");

    [Fact]
    public Task Screenshots_OfTheInboxTheTaskAndTheCasePage_AreWritten() =>
        Journey.RunAsync(_server, _output, nameof(Screenshots_OfTheInboxTheTaskAndTheCasePage_AreWritten), async page =>
        {
            await OfficerCases.SignInPatientlyAsync(page, OfficerCases.Officer);
            Directory.CreateDirectory(Folder);
            var first = await OfficerCases.FileAsync(_server, "D01-S01-C01-G02", "B0301", "春晖路12号门前果皮箱被撞坏，垃圾散落");
            await OfficerCases.FileAsync(_server, "D01-S01-C01-G03", "B0302", "春晖公园公厕冲水坏了，气味很大");
            await OfficerCases.FileAsync(_server, "D01-S01-C01-G01", "S0101", "春晖社区3号楼北侧绿地有人倾倒建筑垃圾");

            await page.GotoAsync("inbox");
            var task = page.Locator($"[data-testid=task][data-case='{first}']");
            await task.GetByTestId("claim").ClickAsync();
            await Assertions.Expect(task.GetByTestId("unclaim")).ToBeVisibleAsync();
            var desktop = await SaveAsync(page, "inbox-desktop.png");

            await task.GetByTestId("open").ClickAsync();
            await Assertions.Expect(page.GetByTestId("task-form")).ToBeVisibleAsync();
            await page.GetByTestId("field-decision").GetByText("签收", new() { Exact = true }).ClickAsync();
            var taskPage = await SaveAsync(page, "inbox-task.png");

            await page.GotoAsync($"cases/{first}");
            await Assertions.Expect(page.GetByTestId("case-map")).ToHaveAttributeAsync("data-map-ready", "true");
            await Assertions.Expect(page.GetByTestId("timeline-entry").First).ToBeVisibleAsync();
            var casePage = await SaveAsync(page, "case-page.png", fullPage: true);

            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync("inbox");
            await Assertions.Expect(page.GetByTestId("inbox-cards")).ToBeVisibleAsync();
            var phone = await SaveAsync(page, "inbox-phone.png");

            foreach (var file in new[] { desktop, taskPage, casePage, phone })
            {
                Assert.True(new FileInfo(file).Length > 10_000, $"{file} is too small to show a page");
            }
        }, locale: "zh-CN", user: null);

    private async Task<string> SaveAsync(IPage page, string name, bool fullPage = false)
    {
        var path = Path.Combine(Folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        _output.WriteLine($"screenshot: {path}");
        return path;
    }
}
