using Bunit;
using MudBlazor.Services;
using Tongguan.Designer.Definitions;
using Tongguan.Designer.UI;
using Tongguan.Designer.UI.Components;

namespace Tongguan.Web.Tests.Components.Editor;

public sealed class VersionHistoryTests
{
    private static DefinitionVersionResponse Version(int number) =>
        new(Guid.NewGuid(), "p", number, "P", "hash", new DateTimeOffset(2026, 3, number, 8, 0, 0, TimeSpan.Zero), "chen.jing");

    [Fact]
    public async Task Render_OffersAComparisonWithThePreviousVersion_ForEveryVersionButTheFirst()
    {
        // MudBlazor's services are only asynchronously disposable.
        await using var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;

        var history = context.Render<VersionHistory>(p => p
            .Add(x => x.Versions, [Version(1), Version(2), Version(4)])
            .Add(x => x.Key, "case handling")
            .Add(x => x.Text, DesignerText.English));

        var links = history.FindAll("[data-testid=compare]").ToDictionary(e => e.GetAttribute("data-version")!, e => e.GetAttribute("href"));
        Assert.Equal(2, links.Count);
        Assert.Equal("designer/case%20handling/diff?from=2&to=4", links["4"]);
        Assert.Equal("designer/case%20handling/diff?from=1&to=2", links["2"]);
    }
}
