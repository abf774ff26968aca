using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Editor;

[Collection(BrowserSuite.Name)]
public sealed partial class EditorDiffJourneyTests(WebAppServer server, ITestOutputHelper output)
{
    private const string Key = "editor-diff-journey";

    [Fact]
    public Task Compare_MarksExactlyTheChangedTimeLimitAndTheAddedTask() =>
        Journey.RunAsync(server, output, nameof(Compare_MarksExactlyTheChangedTimeLimitAndTheAddedTask), async page =>
        {
            var first = await EditorProcesses.PublishAsync(page, Key, EditorProcesses.Review(Key, "P2D", withApproval: false));
            var second = await EditorProcesses.PublishAsync(page, Key, EditorProcesses.Review(Key, "P3D", withApproval: true));
            Assert.Equal(first + 1, second);

            var editor = new EditorPage(page);
            await editor.OpenAsync(Key);
            await page.Locator($"[data-testid='compare'][data-version='{second}']").ClickAsync();
            await page.WaitForURLAsync(new Regex($"/designer/{Key}/diff\\?from={first}&to={second}$"));
            var before = page.GetByTestId("diff-from");
            var after = page.GetByTestId("diff-to");
            await Assertions.Expect(after).ToHaveAttributeAsync("data-ready", "true", EditorProcesses.Loading);

            // The shapes: the review task changed (both sides), the approval task added (right only), nothing else.
            Assert.Equal(["review"], await MarkedShapesAsync(before, "tg-diff-changed"));
            Assert.Equal(["review"], await MarkedShapesAsync(after, "tg-diff-changed"));
            Assert.Equal(["approve"], await MarkedShapesAsync(after, "tg-diff-added"));
            Assert.Empty(await MarkedShapesAsync(before, "tg-diff-removed"));
            Assert.Empty(await MarkedShapesAsync(before, "tg-diff-added"));
            await Assertions.Expect(after.Locator(".djs-connection.tg-diff-added[data-element-id='approvedToEnd']")).ToHaveCountAsync(1);
            await Assertions.Expect(after.Locator(".djs-connection.tg-diff-changed[data-element-id='fromReview']")).ToHaveCountAsync(1);

            // The list: the same elements, the time limit's old and new value.
            var changes = page.GetByTestId("change");
            Assert.Equal(
                ["approve:added", "approvedToEnd:added", "fromReview:changed", "review:changed"],
                (await changes.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.elementId + ':' + e.dataset.kind)")).Order(StringComparer.Ordinal));
            var review = page.Locator("[data-testid='change'][data-element-id='review']");
            await Assertions.Expect(review.Locator("[data-testid='change-property']")).ToHaveCountAsync(1);
            await Assertions.Expect(review.Locator("[data-property='tg:timeLimit']")).ToContainTextAsync("P2D → P3D");

            // Picking a change selects its element.
            await page.Locator("[data-testid='change'][data-element-id='approve']").ClickAsync();
            await Assertions.Expect(after.Locator(".djs-element[data-element-id='approve']")).ToHaveClassAsync(Selected());
        });

    [Fact]
    public Task Diff_OfAVersionWithItself_SaysNothingDiffers() =>
        Journey.RunAsync(server, output, nameof(Diff_OfAVersionWithItself_SaysNothingDiffers), async page =>
        {
            const string key = "editor-diff-same";
            var version = await EditorProcesses.PublishAsync(page, key, EditorProcesses.Review(key, "P1D", withApproval: false));

            await page.GotoAsync($"designer/{key}/diff?from={version}&to={version}");

            await Assertions.Expect(page.GetByTestId("no-differences")).ToBeVisibleAsync(new() { Timeout = EditorProcesses.LoadingTimeout });
            await Assertions.Expect(page.GetByTestId("diff-to")).ToHaveAttributeAsync("data-ready", "true", EditorProcesses.Loading);
            await Assertions.Expect(page.Locator(".tg-diff-added, .tg-diff-removed, .tg-diff-changed")).ToHaveCountAsync(0);
        });

    private static async Task<List<string>> MarkedShapesAsync(ILocator diagram, string marker) =>
        [.. (await diagram.Locator($".djs-shape.{marker}").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.elementId)"))
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\bselected\b")]
    private static partial Regex Selected();
}
