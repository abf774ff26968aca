using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser;

[Collection(BrowserSuite.Name)]
public sealed partial class EditorJourneyTests(WebAppServer server, ITestOutputHelper output)
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Tg = "https://tongguan.dev/schema/bpmn";

    [Fact]
    public Task Designer_ChangesATimeLimitSavesValidatesAndPublishes_ANewVersionAppears() =>
        Journey.RunAsync(server, output, nameof(Designer_ChangesATimeLimitSavesValidatesAndPublishes_ANewVersionAppears), async page =>
        {
            await page.GotoAsync("designer");
            await page.GetByTestId("definition-link").Filter(new() { HasText = "case-handling" }).ClickAsync();
            var editor = new EditorPage(page);
            await editor.Element("handle").WaitForAsync();
            await page.GetByTestId("source").WaitForAsync();
            var before = await editor.Versions.CountAsync();
            Assert.True(before >= 1);

            await editor.SelectAsync("handle");
            await Assertions.Expect(editor.Setting("timeLimit")).ToHaveValueAsync("P3D");
            await editor.Setting("timeLimit").FillAsync("P5D");
            await Assertions.Expect(page.GetByTestId("dirty")).ToBeVisibleAsync();

            await editor.ClickAsync("save-draft", "Draft saved");
            await Assertions.Expect(page.GetByTestId("dirty")).ToHaveCountAsync(0);
            await editor.ClickAsync("validate", "The engine accepts this process");
            await editor.ClickAsync("publish", $"Published version {before + 1}.");

            await Assertions.Expect(editor.Versions).ToHaveCountAsync(before + 1);
            await Assertions.Expect(page.Locator($"[data-testid='version'][data-version='{before + 1}']")).ToBeVisibleAsync();
            var published = await page.APIRequest.GetAsync($"api/definitions/case-handling/versions/{before + 1}");
            Assert.Equal(200, published.Status);
            var handle = XDocument.Parse(await published.TextAsync()).Descendants(Bpmn + "userTask").Single(e => (string?)e.Attribute("id") == "handle");
            Assert.Equal("P5D", (string?)handle.Attribute(Tg + "timeLimit"));
        });

    [Fact]
    public Task Validate_ShowsTheEnginesErrorOnTheOffendingElement() =>
        Journey.RunAsync(server, output, nameof(Validate_ShowsTheEnginesErrorOnTheOffendingElement), async page =>
        {
            var editor = new EditorPage(page);
            await editor.OpenAsync("case-intake");
            await editor.ImportAsync(EditorPage.FilePath("service-task-without-handler.bpmn"));
            await editor.Element("notify").WaitForAsync();

            await editor.ClickAsync("validate", "The engine rejects this process");

            await Assertions.Expect(editor.Element("notify")).ToHaveClassAsync(MarkedAsError());
            await Assertions.Expect(page.Locator(".tg-problem-badge[data-element-id='notify']")).ToBeVisibleAsync();
            await Assertions.Expect(editor.Element("review")).Not.ToHaveClassAsync(MarkedAsError());
            var problem = page.Locator("[data-testid='problem'][data-element-id='notify']");
            await Assertions.Expect(problem).ToContainTextAsync("TG0302");

            await problem.ClickAsync();
            await Assertions.Expect(editor.Element("notify")).ToHaveClassAsync(Selected());
        });

    [Fact]
    public Task ExportThenImport_RoundTripsTheDiagramWithItsTongguanSettings() =>
        Journey.RunAsync(server, output, nameof(ExportThenImport_RoundTripsTheDiagramWithItsTongguanSettings), async page =>
        {
            var editor = new EditorPage(page);
            await editor.OpenAsync("case-dispatch");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export").ClickAsync());
            Assert.Equal("case-dispatch.bpmn", download.SuggestedFilename);
            var exported = Path.Combine(Path.GetTempPath(), $"tongguan-export-{Guid.NewGuid():N}.bpmn");
            await download.SaveAsAsync(exported);
            try
            {
                var exportedXml = await File.ReadAllTextAsync(exported);
                var original = XDocument.Load(Path.Combine(RepositoryRoot(), "definitions", "case-dispatch.bpmn"));
                Assert.Equal(TongguanSettings(original), TongguanSettings(XDocument.Parse(exportedXml)));
                Assert.Contains("BPMNShape", exportedXml, StringComparison.Ordinal);

                await editor.ImportAsync(exported);
                await editor.ClickAsync("validate", "The engine accepts this process");
                await editor.ClickAsync("save-draft", "Draft saved");
                var draft = await page.APIRequest.GetAsync("api/definitions/case-dispatch/draft");
                Assert.Equal(TongguanSettings(original), TongguanSettings(XDocument.Parse(await draft.TextAsync())));
            }
            finally
            {
                File.Delete(exported);
            }
        });

    [Fact]
    public Task Import_OnTheDefinitionsList_OpensTheFileAsTheDraftOfItsProcess() =>
        Journey.RunAsync(server, output, nameof(Import_OnTheDefinitionsList_OpensTheFileAsTheDraftOfItsProcess), async page =>
        {
            await page.GotoAsync("designer");
            await page.GetByTestId("definitions").WaitForAsync();
            await page.GetByTestId("import-file").SetInputFilesAsync(EditorPage.FilePath("street-cleaning.bpmn"));

            await page.WaitForURLAsync(new Regex("/designer/street-cleaning$"));
            var editor = new EditorPage(page);
            await editor.Element("clean").WaitForAsync();
            await Assertions.Expect(page.GetByTestId("source")).ToHaveTextAsync("Draft");
            await editor.ClickAsync("publish", "Published version 1.");
            var versions = await page.APIRequest.GetAsync("api/definitions/street-cleaning/versions");
            Assert.Equal(1, JsonDocument.Parse(await versions.TextAsync()).RootElement.GetArrayLength());
        });

    [Fact]
    public Task LanguageSwitch_ShowsTheShellInChinese() =>
        Journey.RunAsync(server, output, nameof(LanguageSwitch_ShowsTheShellInChinese), async page =>
        {
            await page.GotoAsync("");
            await Assertions.Expect(page.GetByTestId("nav-designer")).ToContainTextAsync("Workflow editor");
            await page.GetByTestId("language-switch").ClickAsync();
            await Assertions.Expect(page.GetByTestId("nav-designer")).ToContainTextAsync("流程设计器");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        });

    /// <summary>Every tg: attribute of the file, keyed by element id: what a round trip must keep.</summary>
    private static List<string> TongguanSettings(XDocument document) =>
        [.. document.Descendants()
            .SelectMany(e => e.Attributes().Where(a => a.Name.Namespace == Tg).Select(a => $"{(string?)e.Attribute("id")}/{a.Name.LocalName}={a.Value}"))
            .Order(StringComparer.Ordinal)];

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tongguan.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Tongguan.slnx not found above the test output.");
    }

    [GeneratedRegex(@"\btg-problem-error\b")]
    private static partial Regex MarkedAsError();

    [GeneratedRegex(@"\bselected\b")]
    private static partial Regex Selected();
}
