using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Tongguan.Cases.UI.Dispatch;

namespace Tongguan.Web.Tests.Components.Intake;

public sealed class DueChipTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Chip_ShowsTheTimeLeft_InTheApisColour()
    {
        await using var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;

        var chip = context.Render<DueChip>(p => p
            .Add(x => x.Colour, "yellow").Add(x => x.DueAt, Now.AddMinutes(95)).Add(x => x.Now, Now).Add(x => x.Text, DispatchText.Chinese));

        var element = chip.Find("[data-testid=due]");
        Assert.Equal("yellow", element.GetAttribute("data-colour"));
        Assert.Contains("剩余 1 小时 35 分钟", element.TextContent, StringComparison.Ordinal);
        Assert.Contains("warning", element.ClassName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-30, "overdue by 30 min")]
    [InlineData(-60 * 50, "overdue by 2 d 2 h")]
    [InlineData(45, "due in 45 min")]
    public void DueText_SaysTimeLeftOrOverdue(int minutesLeft, string expected) =>
        Assert.Equal(expected, DueRules.DueText(Now.AddMinutes(minutesLeft), Now, DispatchText.English, english: true));

    [Fact]
    public void DueText_OfATaskWithoutLimit_SaysSo() =>
        Assert.Equal(DispatchText.English.NoLimit, DueRules.DueText(null, Now, DispatchText.English, english: true));

    [Theory]
    [InlineData("D01-shuiwu", "D01-chengguan", "", true)]
    [InlineData("D01-shuiwu", "D01-chengguan", "排水设施归水务", false)]
    [InlineData("D01-chengguan", "D01-chengguan", "", false)]
    [InlineData("D01-shuiwu", null, "", false)]
    public void AnotherUnitThanSuggested_NeedsAReason(string chosen, string? suggested, string reason, bool needs) =>
        Assert.Equal(needs, DueRules.NeedsReason(chosen, suggested, reason));
}
