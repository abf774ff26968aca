using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser.Editor;

[Collection(BrowserSuite.Name)]
public sealed class EditorLanguageTests(WebAppServer server, ITestOutputHelper output)
{
    private static ILocator CreateTask(IPage page) => page.Locator(".djs-palette .entry[data-action='create.task']");

    private static ILocator PaletteTooltip(IPage page) => page.Locator(".djs-palette-tooltip-label");

    [Fact]
    public Task ChineseEditor_ShowsAChinesePaletteContextPadAndPropertiesPanel() =>
        Journey.RunAsync(server, output, nameof(ChineseEditor_ShowsAChinesePaletteContextPadAndPropertiesPanel), async page =>
        {
            var editor = new EditorPage(page);
            await editor.OpenAsync("case-intake");

            await Assertions.Expect(CreateTask(page)).ToHaveAttributeAsync("aria-label", "创建任务");
            await Assertions.Expect(page.Locator(".djs-palette .entry[data-action='hand-tool']")).ToHaveAttributeAsync("aria-label", "激活抓手工具");
            await CreateTask(page).HoverAsync();
            await Assertions.Expect(PaletteTooltip(page)).ToHaveTextAsync("创建任务");
            await editor.SelectAsync("review");
            await Assertions.Expect(page.Locator(".djs-context-pad .entry[data-action='append.append-task']")).ToHaveAttributeAsync("title", "追加任务");
            await Assertions.Expect(page.Locator("[data-group-id='group-tongguan'] .bio-properties-panel-group-header-title")).ToHaveTextAsync("同管设置");
            await Assertions.Expect(page.Locator("[data-group-id='group-general'] .bio-properties-panel-group-header-title")).ToHaveTextAsync("常规");
        }, locale: "zh-CN");

    [Fact]
    public Task EnglishEditor_KeepsTheEnglishPalette() =>
        Journey.RunAsync(server, output, nameof(EnglishEditor_KeepsTheEnglishPalette), async page =>
        {
            var editor = new EditorPage(page);
            await editor.OpenAsync("case-intake");

            await Assertions.Expect(CreateTask(page)).ToHaveAttributeAsync("aria-label", "Create task");
            await CreateTask(page).HoverAsync();
            await Assertions.Expect(PaletteTooltip(page)).ToHaveTextAsync("Create task");
            await editor.SelectAsync("review");
            await Assertions.Expect(page.Locator("[data-group-id='group-tongguan'] .bio-properties-panel-group-header-title")).ToHaveTextAsync("Tongguan settings");
        });
}
