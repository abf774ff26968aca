using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser;

/// <summary>
/// The pictures in docs/screenshots: every run takes them (into the test output); to refresh the docs, run
/// <c>TONGGUAN_SCREENSHOTS=docs/screenshots dotnet test tests/Tongguan.Web.Tests --filter FullyQualifiedName~ScreenshotTests</c>
/// (a relative folder is taken from the repository root).
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class ScreenshotTests(WebAppServer server, ITestOutputHelper output)
{
    private static string Folder =>
        Environment.GetEnvironmentVariable("TONGGUAN_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder, EditorJourneyTests.RepositoryRoot())
            : Path.Combine(Journey.ScreenshotFolder, "docs");

    [Fact]
    public Task Screenshots_OfTheShellAndTheEditor_AreWritten() =>
        Journey.RunAsync(server, output, nameof(Screenshots_OfTheShellAndTheEditor_AreWritten), async page =>
        {
            Directory.CreateDirectory(Folder);
            await page.GotoAsync("");
            await page.GetByTestId("nav-designer").WaitForAsync();
            var shell = await SaveAsync(page, "shell-home.png");

            var editor = new EditorPage(page);
            await editor.OpenAsync("case-handling");
            await editor.SelectAsync("handle");
            await Assertions.Expect(editor.Setting("timeLimit")).ToBeVisibleAsync();
            var editing = await SaveAsync(page, "editor-properties.png");

            await editor.ImportAsync(EditorPage.FilePath("service-task-without-handler.bpmn"));
            await editor.ClickAsync("validate", "引擎校验未通过");
            var problems = await SaveAsync(page, "editor-validation.png");

            await page.GotoAsync("designer");
            await page.GetByTestId("definitions").WaitForAsync();
            var list = await SaveAsync(page, "editor-definitions.png");

            foreach (var file in new[] { shell, editing, problems, list })
            {
                Assert.True(new FileInfo(file).Length > 10_000, $"{file} is too small to show a page");
            }
        }, locale: "zh-CN");

    private async Task<string> SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
