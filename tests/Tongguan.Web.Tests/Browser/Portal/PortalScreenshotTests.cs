using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Portal;

/// <summary>
/// The portal's pictures in docs/screenshots (portal-*.png), at phone width in Chinese, taken the same way as
/// <see cref="ScreenshotTests"/>: <c>TONGGUAN_SCREENSHOTS=docs/screenshots dotnet test tests/Tongguan.Web.Tests --filter FullyQualifiedName~PortalScreenshotTests</c>.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class PortalScreenshotTests(WebAppServer server, ITestOutputHelper output)
{
    private static string Folder =>
        Environment.GetEnvironmentVariable("TONGGUAN_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder, EditorJourneyTests.RepositoryRoot())
            : Path.Combine(Journey.ScreenshotFolder, "docs");

    [Fact]
    public Task Screenshots_OfTheCitizenPortal_AreWritten() =>
        Journey.RunAsync(server, output, nameof(Screenshots_OfTheCitizenPortal_AreWritten), async page =>
        {
            Directory.CreateDirectory(Folder);
            await page.SetViewportSizeAsync(PortalJourneyTests.Phone.Width, PortalJourneyTests.Phone.Height);
            var (number, code) = await PortalJourneyTests.ReportAsync(page, "江畔路人行道的路面塌了一块，雨天积水");
            var confirmation = await SaveAsync(page, "portal-confirmation.png", fullPage: false);

            await page.GetByTestId("portal-go-track").ClickAsync();
            await page.GetByTestId("portal-track-code").FillAsync(code);
            await page.GetByTestId("portal-track-submit").ClickAsync();
            await page.GetByTestId("portal-status").WaitForAsync();
            var track = await SaveAsync(page, "portal-track.png", fullPage: true);

            await page.GotoAsync("portal");
            await Assertions.Expect(page.GetByTestId("portal-map")).ToHaveAttributeAsync("data-map-ready", "true");
            var form = await SaveAsync(page, "portal-report.png", fullPage: true);

            Assert.StartsWith("TG-", number, StringComparison.Ordinal);
            foreach (var file in new[] { confirmation, track, form })
            {
                Assert.True(new FileInfo(file).Length > 10_000, $"{file} is too small to show a page");
            }
        }, locale: "zh-CN", user: null);

    private async Task<string> SaveAsync(IPage page, string name, bool fullPage)
    {
        var path = Path.Combine(Folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
