using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Portal;

/// <summary>
/// "A citizen reports" (issue 6), anonymous, in Chinese at phone width: picks the place on the map, attaches a real
/// photo, sends the report, keeps number and code, follows the case (a wrong code finds nothing), and once the city
/// has handled it rates the result — which the staff API then shows.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class PortalJourneyTests(WebAppServer server, ITestOutputHelper output)
{
    /// <summary>A phone's viewport (CSS pixels).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static string PhotoPath => Path.Combine(EditorJourneyTests.RepositoryRoot(), "tests", "Tongguan.Web.Tests", "Browser", "Portal", "pothole.png");

    [Fact]
    public Task ACitizenReports_FollowsTheCase_AndRatesTheResult() =>
        Journey.RunAsync(server, output, nameof(ACitizenReports_FollowsTheCase_AndRatesTheResult), async page =>
        {
            using var staff = new PortalStaff(server);
            await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
            var (number, code) = await ReportAsync(page, "春晖路口人行道上有个大坑，行人容易摔倒");

            await page.GetByTestId("portal-go-track").ClickAsync();
            await Assertions.Expect(page.GetByTestId("portal-track-number")).ToHaveValueAsync(number);
            await page.GetByTestId("portal-track-code").FillAsync("0000000000");
            await page.GetByTestId("portal-track-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("portal-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("portal-progress")).ToHaveCountAsync(0);

            await page.GetByTestId("portal-track-code").FillAsync(code);
            await page.GetByTestId("portal-track-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("portal-status")).ToHaveAttributeAsync("data-status", "Dispatched");
            await Assertions.Expect(page.GetByTestId("portal-status")).ToHaveTextAsync("已派遣");
            await Assertions.Expect(page.GetByTestId("portal-own-report")).ToContainTextAsync("pothole.png");
            await Assertions.Expect(page.GetByTestId("portal-own-report")).ToContainTextAsync("138****6789");
            await Assertions.Expect(page.GetByTestId("portal-rate")).ToHaveCountAsync(0);

            await staff.HandleToClosedAsync(number, "坑已填平，路面已修复");
            await page.GetByTestId("portal-track-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("portal-status")).ToHaveAttributeAsync("data-status", "Closed");
            await Assertions.Expect(page.GetByTestId("portal-result")).ToHaveTextAsync("坑已填平，路面已修复");
            await page.GetByTestId("portal-rate-satisfied").CheckAsync();
            await page.GetByTestId("portal-rate-comment").FillAsync("修得很快，谢谢");
            await page.GetByTestId("portal-rate-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("portal-rated")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("portal-rating")).ToHaveTextAsync("满意");

            var recorded = await staff.CaseAsync(number);
            Assert.Equal("satisfied", (string?)recorded["case"]!["satisfaction"]);
            Assert.Equal("Web", (string?)recorded["case"]!["channel"]);
            Assert.Equal("image/png", (string?)recorded["attachments"]![0]!["contentType"]);
        }, locale: "zh-CN", user: null);

    /// <summary>Fills the report form and sends it; answers the case number and tracking code the confirmation shows.</summary>
    internal static async Task<(string Number, string Code)> ReportAsync(IPage page, string description)
    {
        await page.GotoAsync("portal");
        var map = page.GetByTestId("portal-map");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-map-ready", "true");
        await page.GetByTestId("portal-category").SelectOptionAsync("B0204");
        await page.GetByTestId("portal-description").FillAsync(description);
        var box = await map.BoundingBoxAsync() ?? throw new InvalidOperationException("The map has no size.");
        await map.ClickAsync(new LocatorClickOptions { Position = new Position { X = box.Width / 2 + 7, Y = box.Height / 2 + 5 } });
        await page.GetByTestId("portal-picked").WaitForAsync();
        await page.GetByTestId("portal-photo").SetInputFilesAsync(PhotoPath);
        await Assertions.Expect(page.GetByTestId("portal-photo-preview")).ToHaveAttributeAsync("src", BlobUrl());
        await page.GetByTestId("portal-name").FillAsync("赵女士");
        await page.GetByTestId("portal-phone").FillAsync("13812346789");
        await page.GetByTestId("portal-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("portal-accepted")).ToBeVisibleAsync();
        var number = (await page.GetByTestId("portal-case-number").InnerTextAsync()).Trim();
        var code = (await page.GetByTestId("portal-tracking-code").InnerTextAsync()).Trim();
        Assert.Matches("^TG-[0-9]{8}-[0-9A-Z]{10}$", number);
        Assert.Matches("^[0-9A-Z]{10}$", code);
        return (number, code);
    }

    [GeneratedRegex("^blob:")]
    private static partial Regex BlobUrl();
}
