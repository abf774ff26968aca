using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Editor;

/// <summary>
/// docs/screenshots/editor-diff.png and editor-instance.png, in Chinese, the same way as <see cref="ScreenshotTests"/>:
/// <c>TONGGUAN_SCREENSHOTS=docs/screenshots dotnet test tests/Tongguan.Web.Tests --filter FullyQualifiedName~EditorScreenshotTests</c>.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class EditorScreenshotTests(WebAppServer server, ITestOutputHelper output)
{
    private const string Key = "street-repair";

    private static string Folder =>
        Environment.GetEnvironmentVariable("TONGGUAN_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder, EditorJourneyTests.RepositoryRoot())
            : Path.Combine(Journey.ScreenshotFolder, "docs");

    [Fact]
    public Task Screenshots_OfTheDiffAndTheInstanceView_AreWrittenInChinese() =>
        Journey.RunAsync(server, output, nameof(Screenshots_OfTheDiffAndTheInstanceView_AreWrittenInChinese), async page =>
        {
            Directory.CreateDirectory(Folder);
            var first = await EditorProcesses.PublishAsync(page, Key, EditorProcesses.Review(Key, "P2D", withApproval: false));
            var second = await EditorProcesses.PublishAsync(page, Key, EditorProcesses.Review(Key, "P3D", withApproval: true));

            await page.GotoAsync($"designer/{Key}/diff?from={first}&to={second}");
            await Assertions.Expect(page.GetByTestId("diff-to")).ToHaveAttributeAsync("data-ready", "true", EditorProcesses.Loading);
            await Assertions.Expect(page.GetByTestId("changes")).ToContainTextAsync("4 处变化");
            await page.Locator("[data-testid='change'][data-element-id='review']").ClickAsync();
            var diff = await SaveAsync(page, "editor-diff.png", fullPage: true);

            var id = await EditorProcesses.StartAsync(page, Key, "SCREENSHOT-1");
            await page.GotoAsync($"designer/instances/{id}");
            await Assertions.Expect(page.GetByTestId("instance-diagram")).ToHaveAttributeAsync("data-ready", "true", EditorProcesses.Loading);
            await Assertions.Expect(page.Locator("[data-testid='journal-line'][data-event='InstanceStarted']")).ToContainTextAsync("实例启动");
            await Assertions.Expect(page.GetByTestId("instance-status")).ToHaveTextAsync("运行中");
            var instance = await SaveAsync(page, "editor-instance.png", fullPage: true);

            foreach (var file in new[] { diff, instance })
            {
                Assert.True(new FileInfo(file).Length > 10_000, $"{file} is too small to show a page");
            }
        }, locale: "zh-CN");

    private async Task<string> SaveAsync(IPage page, string name, bool fullPage = false)
    {
        var path = Path.Combine(Folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
