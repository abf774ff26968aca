using Tongguan.Cases.Inbox;
using Tongguan.Cases.Model;
using Tongguan.Cases.UI.Inbox;

namespace Tongguan.Web.Tests.Components.Inbox;

public sealed class InboxFilterStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Url_OfTheDefaults_AsksForAllTasksSoonestDueFirst() =>
        Assert.Equal("/api/inbox?view=All&sort=Due&take=100", new InboxFilterState().Url(Now));

    [Fact]
    public void Url_CarriesEveryChosenFilter()
    {
        var url = new InboxFilterState(InboxView.Mine, CaseStatus.Handling, " s01 ", DueFilter.Overdue, InboxSort.Urgency).Url(Now);

        Assert.Equal("/api/inbox?view=Mine&sort=Urgency&take=100&caseStatus=Handling&category=S01&overdue=true", url);
    }

    [Fact]
    public void Url_ForDueWithinADay_AsksForNotOverdueTasksDueBeforeThisTimeTomorrow()
    {
        var url = new InboxFilterState(Due: DueFilter.WithinDay).Url(Now);

        Assert.EndsWith("&overdue=false&dueBefore=2026-03-03T01%3A30%3A00.0000000%2B00%3A00", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_LeavesOutABlankCategory() =>
        Assert.DoesNotContain("category", new InboxFilterState(Category: "  ").Url(Now), StringComparison.Ordinal);
}
