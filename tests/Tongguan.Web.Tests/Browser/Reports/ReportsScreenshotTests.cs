using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Reports;

/// <summary>
/// The report and command-centre pictures in docs/screenshots (reports-*.png, command-centre.png), taken as
/// <see cref="ScreenshotTests"/> takes the others: TONGGUAN_SCREENSHOTS=docs/screenshots writes them into the docs.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class ReportsScreenshotTests(WebAppServer server, ITestOutputHelper output)
{
    private static string Folder =>
        Environment.GetEnvironmentVariable("TONGGUAN_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder, EditorJourneyTests.RepositoryRoot())
            : Path.Combine(Journey.ScreenshotFolder, "docs");

    [Fact]
    public async Task Screenshots_OfTheReportsAndTheCommandCentre_AreWritten()
    {
        Directory.CreateDirectory(Folder);
        await ReportsData.FileAndCloseCaseAsync(server);
        await ReportsData.FileAndCloseCaseAsync(server);
        await ReportsData.FileCaseAsync(server);
        var files = new List<string>();

        await Journey.RunAsync(server, output, nameof(Screenshots_OfTheReportsAndTheCommandCentre_AreWritten) + "-reports", async page =>
        {
            await page.GotoAsync("reports");
            await page.GetByTestId("kpi-resolutionRate").WaitForAsync();
            files.Add(await SaveAsync(page, "reports-kpis.png"));

            await page.Locator(".mud-tab", new() { HasText = "排名与趋势" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("trend-chart")).ToHaveAttributeAsync("data-chart-ready", "true");
            files.Add(await SaveAsync(page, "reports-rankings.png"));

            await page.Locator(".mud-tab", new() { HasText = "堵点分析" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("bottleneck-chart")).ToHaveAttributeAsync("data-chart-ready", "true");
            files.Add(await SaveAsync(page, "reports-bottlenecks.png"));

            await page.Locator(".mud-tab", new() { HasText = "时限建议" }).ClickAsync();
            await page.GetByTestId("recommendation").First.WaitForAsync();
            files.Add(await SaveAsync(page, "reports-recommendations.png"));
        }, locale: "zh-CN", user: ReportsData.DesignerAuditor);

        await Journey.RunAsync(server, output, nameof(Screenshots_OfTheReportsAndTheCommandCentre_AreWritten) + "-command-centre", async page =>
        {
            await page.GotoAsync("command-centre");
            await Assertions.Expect(page.GetByTestId("command-centre-map")).ToHaveAttributeAsync("data-map-ready", "true");
            await Assertions.Expect(page.GetByTestId("command-centre-updated")).Not.ToHaveAttributeAsync("data-refreshes", "0");
            files.Add(await SaveAsync(page, "command-centre.png"));
        }, locale: "zh-CN", user: ReportsData.Dispatcher);

        Assert.Equal(5, files.Count);
        foreach (var file in files)
        {
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} is too small to show a page");
        }
    }

    private async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
