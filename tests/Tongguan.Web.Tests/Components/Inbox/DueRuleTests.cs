using Bunit;
using Tongguan.Cases.Deadlines;
using Tongguan.Cases.UI.Inbox;

namespace Tongguan.Web.Tests.Components.Inbox;

public sealed class DueRuleTests
{
    private static readonly DateTimeOffset Started = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Warning = Started.AddHours(6);
    private static readonly DateTimeOffset Due = Started.AddHours(8);

    private static DeadlineResponse Deadline(
        string status = "Pending", DateTimeOffset? warnedAt = null, DateTimeOffset? breachedAt = null, DateTimeOffset? pausedAt = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "task-1", "handle", "PT8H", "Business", status, "green", Started, Warning, Due, warnedAt, breachedAt, pausedAt, null, false);

    [Fact]
    public void Of_IsGreen_BeforeTheWarningTime() =>
        Assert.Equal(DueState.OnTime, DueRule.Of(Deadline(), Warning.AddMinutes(-1)));

    [Fact]
    public void Of_IsYellow_FromTheWarningTimeUntilDue()
    {
        Assert.Equal(DueState.Warning, DueRule.Of(Deadline(), Warning));
        Assert.Equal(DueState.Warning, DueRule.Of(Deadline(), Due.AddSeconds(-1)));
    }

    [Fact]
    public void Of_IsRed_FromTheDueTime() =>
        Assert.Equal(DueState.Overdue, DueRule.Of(Deadline(), Due));

    [Fact]
    public void Of_TrustsTheSweepsMarks_WhenThePageClockIsBehind()
    {
        Assert.Equal(DueState.Warning, DueRule.Of(Deadline(warnedAt: Warning), Started));
        Assert.Equal(DueState.Overdue, DueRule.Of(Deadline(warnedAt: Warning, breachedAt: Due), Started));
    }

    [Fact]
    public void Of_IsNone_WithoutARunningLimit()
    {
        Assert.Equal(DueState.None, DueRule.Of(null, Due));
        Assert.Equal(DueState.None, DueRule.Of(Deadline(status: "Completed"), Due.AddDays(1)));
        Assert.Equal(DueState.None, DueRule.Of(Deadline(status: "Cancelled"), Due.AddDays(1)));
    }

    [Fact]
    public void Of_IsPaused_WhileTheClockIsSuspended() =>
        Assert.Equal(DueState.Paused, DueRule.Of(Deadline(pausedAt: Started.AddHours(1)), Due.AddDays(2)));

    [Fact]
    public void Colours_AreGreenYellowRed_AndDistinct()
    {
        Assert.Equal(["green", "yellow", "red"], new[] { DueState.OnTime, DueState.Warning, DueState.Overdue }.Select(DueRule.Name));
        // Paused and no limit share the grey; the three states of a running clock each have their own colour.
        Assert.Equal(4, Enum.GetValues<DueState>().Select(DueRule.Colour).Distinct().Count());
    }

    [Fact]
    public void Describe_SaysHowLongIsLeftOrHowLate_InTheTextsLanguage()
    {
        var english = DueRule.Describe(Deadline(), Due.AddHours(-26).AddMinutes(-10), InboxText.English);
        var late = DueRule.Describe(Deadline(), Due.AddMinutes(95), InboxText.English);
        var chinese = DueRule.Describe(Deadline(), Due.AddMinutes(-5), InboxText.Chinese);

        Assert.Equal("Due in 1 d 2 h", english);
        Assert.Equal("Overdue by 1 h 35 min", late);
        Assert.Equal("剩余 5分钟", chinese);
        Assert.Equal(InboxText.English.NoLimit, DueRule.Describe(null, Due, InboxText.English));
    }

    [Fact]
    public async Task DueChip_ShowsTheStateAndItsColour()
    {
        await using var context = new BunitContext();
        var chip = context.Render<DueChip>(p => p
            .Add(x => x.Deadline, Deadline())
            .Add(x => x.Now, Due.AddMinutes(30))
            .Add(x => x.Text, InboxText.English));

        var span = chip.Find("[data-testid=due]");
        Assert.Equal("red", span.GetAttribute("data-due-state"));
        Assert.Contains("#c62828", span.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("Overdue by 30 min", span.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DueChip_TurnsYellow_WhenTheClockPassesTheWarning()
    {
        await using var context = new BunitContext();
        var deadline = Deadline();
        var chip = context.Render<DueChip>(p => p.Add(x => x.Deadline, deadline).Add(x => x.Now, Started).Add(x => x.Text, InboxText.Chinese));
        Assert.Equal("green", chip.Find("[data-testid=due]").GetAttribute("data-due-state"));

        chip.Render(p => p.Add(x => x.Now, Warning.AddMinutes(1)));

        Assert.Equal("yellow", chip.Find("[data-testid=due]").GetAttribute("data-due-state"));
        Assert.Contains("剩余", chip.Find("[data-testid=due]").TextContent, StringComparison.Ordinal);
    }
}
