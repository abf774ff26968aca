using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Intake;

/// <summary>
/// The intake console and dispatch queue pictures in docs/screenshots (intake-*.png, dispatch-queue.png), taken the
/// way <see cref="ScreenshotTests"/> takes the others: <c>TONGGUAN_SCREENSHOTS=docs/screenshots dotnet test
/// tests/Tongguan.Web.Tests --filter FullyQualifiedName~IntakeScreenshotTests</c> refreshes them.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class IntakeScreenshotTests(WebAppServer server, ITestOutputHelper output)
{
    private static string Folder =>
        Environment.GetEnvironmentVariable("TONGGUAN_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder, EditorJourneyTests.RepositoryRoot())
            : Path.Combine(Journey.ScreenshotFolder, "docs");

    [Fact]
    public Task Screenshots_OfTheIntakeConsole_AreWritten() =>
        Journey.RunAsync(server, output, nameof(Screenshots_OfTheIntakeConsole_AreWritten), async page =>
        {
            Directory.CreateDirectory(Folder);
            var at = await IntakeData.CellCentreAsync(page, "D03-S02-C01-G02");
            var tag = IntakeData.Tag();
            await IntakeData.FileAsync(page, "S0101", at, $"新桥路{tag[..1]}8号门口有人乱倒建筑垃圾");

            await page.GotoAsync("intake");
            await page.GetByTestId("intake-map").And(page.Locator("[data-map-ready=true]")).WaitForAsync();
            await page.GetByTestId("category").SelectOptionAsync("S0101");
            await IntakeData.FillAsync(page, "description", $"市民来电反映新桥路{tag[..1]}8号旁建筑垃圾堆放，影响通行");
            await IntakeData.FillAsync(page, "address", $"新桥路{tag[..1]}8号");
            await IntakeData.FillAsync(page, "latitude", IntakeData.Number(at.Lat + 0.0004));
            await IntakeData.FillAsync(page, "longitude", IntakeData.Number(at.Lon));
            await IntakeData.FillAsync(page, "reporter-name", "张先生");
            await page.GetByTestId("check-duplicates").ClickAsync();
            await page.GetByTestId("suggestion").First.WaitForAsync();
            var console = await SaveAsync(page, "intake-suggestions.png");

            await page.GetByTestId("merge").First.ClickAsync();
            await page.GetByTestId("outcome").WaitForAsync();
            var merged = await SaveAsync(page, "intake-merged.png");

            foreach (var file in new[] { console, merged })
            {
                Assert.True(new FileInfo(file).Length > 10_000, $"{file} is too small to show a page");
            }
        }, locale: "zh-CN", user: IntakeData.Agent);

    [Fact]
    public Task Screenshot_OfTheDispatchQueue_IsWritten() =>
        Journey.RunAsync(server, output, nameof(Screenshot_OfTheDispatchQueue_IsWritten), async page =>
        {
            Directory.CreateDirectory(Folder);
            var at = await IntakeData.CellCentreAsync(page, "D02-S02-C01-G01");
            var number = await IntakeData.FileAsync(page, "S0303", at, $"西岭工地{IntakeData.Tag()}扬尘严重，夜间施工无降尘措施");
            await IntakeData.FileAsync(page, "S0303", await IntakeData.CellCentreAsync(page, "D03-S01-C01-G03"), $"搅拌站{IntakeData.Tag()}粉尘污染");

            await page.GotoAsync("dispatch");
            await page.Locator($"[data-testid=queue-row][data-case='{number}']").ClickAsync();
            await page.GetByTestId("dispatch-map").And(page.Locator("[data-map-ready=true]")).WaitForAsync();
            await page.GetByTestId("routing-explanation").WaitForAsync();
            var queue = await SaveAsync(page, "dispatch-queue.png");

            Assert.True(new FileInfo(queue).Length > 10_000, $"{queue} is too small to show a page");
        }, locale: "zh-CN", user: IntakeData.Dispatcher);

    private async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
