using Microsoft.Playwright;

namespace Tongguan.Web.Tests.Browser;

/// <summary>The workflow editor as a designer sees it: the locators and steps the journeys share.</summary>
public sealed class EditorPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Message => Page.GetByTestId("message");

    public ILocator Versions => Page.GetByTestId("version");

    public ILocator Element(string id) => Page.Locator($".djs-element[data-element-id='{id}']");

    public static string FilePath(string name) => Path.Combine(AppContext.BaseDirectory, "Browser", "Files", name);

    public async Task OpenAsync(string key)
    {
        await Page.GotoAsync($"designer/{Uri.EscapeDataString(key)}");
        await Page.GetByTestId("source").WaitForAsync();
        await Page.Locator(".djs-element.djs-shape").First.WaitForAsync();
    }

    /// <summary>Selects a shape and opens the "Tongguan settings" group of the properties panel.</summary>
    public async Task SelectAsync(string elementId)
    {
        await Element(elementId).ClickAsync();
        await Page.Locator(".bio-properties-panel-header-label", new() { HasText = elementId }).Or(
            Page.Locator(".bio-properties-panel-header")).First.WaitForAsync();
        var group = Page.Locator("[data-group-id='group-tongguan']");
        await group.WaitForAsync();
        if (await group.Locator(".bio-properties-panel-group-entries.open").CountAsync() == 0)
        {
            await group.Locator(".bio-properties-panel-group-header").ClickAsync();
        }
    }

    public ILocator Setting(string name) => Page.Locator($"#bio-properties-panel-tg-{name}");

    public async Task ClickAsync(string testId, string expectedMessage)
    {
        await Page.GetByTestId(testId).ClickAsync();
        await Assertions.Expect(Message).ToContainTextAsync(expectedMessage);
    }

    public async Task ImportAsync(string path)
    {
        await Page.GetByTestId("import-file").SetInputFilesAsync(path);
        // The message names the file in either language.
        await Assertions.Expect(Message).ToContainTextAsync(Path.GetFileName(path));
    }
}
