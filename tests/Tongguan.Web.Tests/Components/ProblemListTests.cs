using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Tongguan.Designer.Definitions;
using Tongguan.Designer.UI;
using Tongguan.Designer.UI.Components;

namespace Tongguan.Web.Tests.Components;

public sealed class ProblemListTests
{
    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    private static ProblemResponse Warning(string? element, int line) => new("Warning", "TG0603", $"warning at {line}", element, "userTask", line, 1);

    private static ProblemResponse Error(string? element, int line) => new("Error", "TG0302", $"error at {line}", element, "serviceTask", line, 1);

    [Fact]
    public void Order_PutsErrorsBeforeWarnings_ThenFollowsTheFile()
    {
        var ordered = ProblemList.Order([Warning("a", 3), Error("b", 9), Warning("c", 1), Error("d", 2)]);

        Assert.Equal(["d", "b", "c", "a"], ordered.Select(p => p.ElementId));
    }

    [Fact]
    public async Task Render_CountsErrorsAndWarnings()
    {
        // MudBlazor's services are only asynchronously disposable.
        await using var context = NewContext();
        var list = context.Render<ProblemList>(p => p
            .Add(x => x.Problems, [Error("b", 9), Warning("a", 3), Error("d", 2)])
            .Add(x => x.Text, DesignerText.English));

        Assert.Contains("2 errors", list.Find("[data-testid=error-count]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 warnings", list.Find("[data-testid=warning-count]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["d", "b", "a"], list.FindAll("[data-testid=problem]").Select(e => e.GetAttribute("data-element-id")));
    }

    [Fact]
    public async Task Render_SaysSoWhenThereIsNoProblem()
    {
        // MudBlazor's services are only asynchronously disposable.
        await using var context = NewContext();
        var list = context.Render<ProblemList>(p => p.Add(x => x.Problems, []).Add(x => x.Text, DesignerText.Chinese));

        Assert.Contains(DesignerText.Chinese.NoProblems, list.Markup, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("[data-testid=problem]"));
    }

    [Fact]
    public async Task Click_RaisesTheProblemsElementId()
    {
        string? selected = null;
        // MudBlazor's services are only asynchronously disposable.
        await using var context = NewContext();
        var list = context.Render<ProblemList>(p => p
            .Add(x => x.Problems, [Warning("review", 3), Error("notify", 9)])
            .Add(x => x.OnSelectElement, id => selected = id)
            .Add(x => x.Text, DesignerText.English));

        list.Find("[data-testid=problem][data-element-id=review]").Click();

        Assert.Equal("review", selected);
    }

    [Fact]
    public async Task Click_OnAProblemOfTheWholeFile_SelectsNothing()
    {
        var raised = false;
        // MudBlazor's services are only asynchronously disposable.
        await using var context = NewContext();
        var list = context.Render<ProblemList>(p => p
            .Add(x => x.Problems, [Error(null, 0)])
            .Add(x => x.OnSelectElement, _ => raised = true)
            .Add(x => x.Text, DesignerText.English));

        list.Find("[data-testid=problem]").Click();

        Assert.False(raised);
        Assert.Contains("whole process", list.Markup, StringComparison.Ordinal);
    }

}
