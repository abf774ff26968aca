using System.Globalization;
using Tongguan.Designer.UI.Api;
using Tongguan.Designer.UI.Instances;

namespace Tongguan.Web.Tests.Components.Editor;

public sealed class InstancePositionTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static JournalLineView Line(long sequence, string type, string? node, string? detail = null) =>
        new(sequence, Start.AddMinutes(sequence), type, node, node is null ? null : "userTask", "chen.jing", 1, detail);

    private static InstanceView Instance(params WaitingAtView[] waiting) =>
        new(Guid.NewGuid(), "p", 1, null, "Running", Start, null, null, waiting);

    [Fact]
    public void Of_MarksWaitingNodesActive_AndJournalledCompletionsDone()
    {
        var instance = Instance(new WaitingAtView("approve", "UserTask", "t-1", null, Start.AddDays(2)));
        var journal = new[]
        {
            Line(1, "InstanceStarted", null),
            Line(2, "NodeCompleted", "start"),
            Line(3, "FlowTaken", "start", "f1"),
            Line(4, "NodeCompleted", "review"),
            Line(5, "NodeCompleted", "review"),
            Line(6, "TaskCreated", "approve"),
        };

        var position = InstancePosition.Of(instance, journal);

        Assert.Equal(["approve"], position.Active);
        Assert.Equal(["start", "review"], position.Completed);
        Assert.Equal(["f1"], position.Taken);
        Assert.Equal("UserTask · t-1 · 2026-03-04 00:00:00Z", position.ActiveTitles["approve"]);
    }

    [Fact]
    public void Of_KeepsALoopedBackNodeActive_NotDone()
    {
        var instance = Instance(new WaitingAtView("review", "UserTask", "t-2", null, null));

        var position = InstancePosition.Of(instance, [Line(1, "NodeCompleted", "review"), Line(2, "NodeCompleted", "start")]);

        Assert.Equal(["review"], position.Active);
        Assert.Equal(["start"], position.Completed);
    }

    [Fact]
    public void EventAndStatusNames_AreChineseForChinese_AndTheEnginesNamesOtherwise()
    {
        Assert.Equal("实例启动", JournalText.EventName("InstanceStarted", CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("InstanceStarted", JournalText.EventName("InstanceStarted", CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal("SomethingNew", JournalText.EventName("SomethingNew", CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("运行中", JournalText.StatusName("Running", CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Running", JournalText.StatusName("Running", CultureInfo.GetCultureInfo("en-GB")));
    }
}
