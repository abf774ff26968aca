using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Editor;

[Collection(BrowserSuite.Name)]
public sealed class EditorInstanceJourneyTests(WebAppServer server, ITestOutputHelper output)
{
    private const string Key = "editor-instance-journey";

    [Fact]
    public Task InstanceView_HighlightsTheCurrentTask_AndListsTheStartInTheJournal() =>
        Journey.RunAsync(server, output, nameof(InstanceView_HighlightsTheCurrentTask_AndListsTheStartInTheJournal), async page =>
        {
            await EditorProcesses.PublishAsync(page, Key, EditorProcesses.Review(Key, "P2D", withApproval: true));
            var id = await EditorProcesses.StartAsync(page, Key, "EDITOR-INSTANCE-1");

            // The way in: the editor lists the key's instances.
            var editor = new EditorPage(page);
            await editor.OpenAsync(Key);
            await page.Locator($"[data-testid='instance'][data-instance-id='{id}']").ClickAsync();
            await page.WaitForURLAsync(new Regex($"/designer/instances/{id}$"));

            var diagram = page.GetByTestId("instance-diagram");
            await Assertions.Expect(diagram).ToHaveAttributeAsync("data-ready", "true", EditorProcesses.Loading);
            await Assertions.Expect(page.GetByTestId("instance-status")).ToHaveTextAsync("Running");
            await Assertions.Expect(page.GetByTestId("instance-status")).ToHaveAttributeAsync("data-status", "Running");
            await Assertions.Expect(page.GetByTestId("waiting-at")).ToHaveTextAsync("review");
            var active = await diagram.Locator(".djs-shape.tg-instance-active").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.elementId)");
            Assert.Equal(["review"], active);
            await Assertions.Expect(diagram.Locator(".tg-instance-badge[data-element-id='review']")).ToBeVisibleAsync();
            await Assertions.Expect(diagram.Locator(".djs-shape.tg-instance-done[data-element-id='approve']")).ToHaveCountAsync(0);

            var started = page.Locator("[data-testid='journal-line'][data-event='InstanceStarted']");
            await Assertions.Expect(started).ToHaveCountAsync(1);
            await Assertions.Expect(started).ToContainTextAsync("InstanceStarted");
            await Assertions.Expect(page.Locator("[data-testid='journal-line'][data-event='TaskCreated'][data-node-id='review']")).ToHaveCountAsync(1);
        });

    [Fact]
    public Task InstanceView_SaysSo_WhenTheInstanceDoesNotExist() =>
        Journey.RunAsync(server, output, nameof(InstanceView_SaysSo_WhenTheInstanceDoesNotExist), async page =>
        {
            var id = Guid.NewGuid();

            await page.GotoAsync($"designer/instances/{id}");

            await Assertions.Expect(page.GetByTestId("message")).ToContainTextAsync($"Process instance {id} does not exist.", new() { Timeout = EditorProcesses.LoadingTimeout });
        });
}
