using Tongguan.Sla.Mining;
using Tongguan.Sla.Mining.Bottlenecks;
using static Tongguan.Sla.Tests.Calendars;
using static Tongguan.Sla.Tests.Mining.MiningRecords;

namespace Tongguan.Sla.Tests.Mining;

public sealed class BottleneckAnalysisTests
{
    private static readonly IReadOnlySet<string> OverdueK1 = BottleneckAnalysis.OverdueCases(
    [
        Case("k1", China8(2025, 3, 3, 9), overdue: true),
        Case("k2", China8(2025, 3, 3, 9)),
    ]);

    // k1 (ended overdue): dispatch 1 h waiting + 1 h working, handle 5 h + 3 h, verify 1 h + 1 h.
    // k2: dispatch never claimed (0.5 h working), handle by 住建 0.5 h + 1 h and sent back, then a rework by 城管 (1 h working).
    private static readonly StepRecord[] History =
    [
        Step("k1", "dispatch", China8(2025, 3, 3, 9), China8(2025, 3, 3, 11), claimed: China8(2025, 3, 3, 10), orgUnit: "指挥中心"),
        Step("k1", "handle", China8(2025, 3, 3, 11), China8(2025, 3, 4, 12), claimed: China8(2025, 3, 4, 9), orgUnit: "城管"),
        Step("k1", "verify", China8(2025, 3, 4, 13, 30), China8(2025, 3, 4, 15, 30), claimed: China8(2025, 3, 4, 14, 30), orgUnit: "网格"),
        Step("k2", "dispatch", China8(2025, 3, 3, 9), China8(2025, 3, 3, 9, 30), orgUnit: "指挥中心"),
        Step("k2", "handle", China8(2025, 3, 3, 9, 30), China8(2025, 3, 3, 11), claimed: China8(2025, 3, 3, 10), orgUnit: "住建", returned: true),
        Step("k2", "handle", China8(2025, 3, 3, 13, 30), China8(2025, 3, 3, 14, 30), claimed: China8(2025, 3, 3, 13, 30), orgUnit: "城管", reworked: true),
        Step("other", "handle", China8(2025, 3, 3, 9), China8(2025, 3, 10, 9), process: "escalation", orgUnit: "城管"),
    ];

    private readonly BottleneckAnalysis _analysis = new(China);

    [Fact]
    public void Steps_SplitWaitingFromWorking_AndCountReturnsAndReworks()
    {
        var report = _analysis.Analyse(History, OverdueK1, new BottleneckQuery("closed-loop"));

        var handle = Assert.Single(report.Steps, s => s.StepId == "handle");
        Assert.Equal(3, handle.Executions);
        Assert.Equal(Hours(5.5), handle.Waiting);
        Assert.Equal(Hours(5), handle.Working);
        Assert.Equal(Hours(5.5 / 3), handle.MeanWaiting);
        Assert.Equal(1, handle.Returns);
        Assert.Equal(1, handle.Reworks);
        Assert.Equal(1, handle.OverdueExecutions);
        Assert.Equal(5.5 / 10.5, handle.WaitingShare, 12);
    }

    [Fact]
    public void Steps_AreRankedByTheirShareOfTheTimeInOverdueCases()
    {
        var report = _analysis.Analyse(History, OverdueK1, new BottleneckQuery("closed-loop"));

        Assert.Equal(Hours(12), report.OverdueTime);
        // handle 8 of 12 h; dispatch and verify 2 of 12 h each, dispatch ahead on total time (2.5 h against 2 h).
        Assert.Equal(
            [(1, "handle", 8.0 / 12), (2, "dispatch", 2.0 / 12), (3, "verify", 2.0 / 12)],
            report.Steps.Select(s => (s.Rank, s.StepId!, Math.Round(s.OverdueShare, 12))).ToList(),
            new ShareComparer());
    }

    [Fact]
    public void OrgUnits_AreRankedTheSameWay()
    {
        var report = _analysis.Analyse(History, OverdueK1, new BottleneckQuery("closed-loop"));

        Assert.Equal(["城管", "指挥中心", "网格", "住建"], report.OrgUnits.Select(u => u.OrgUnit!));
        Assert.Equal([1, 2, 3, 4], report.OrgUnits.Select(u => u.Rank));
        var zhujian = report.OrgUnits[^1];
        Assert.Equal(0, zhujian.OverdueShare);
        Assert.Equal(1, zhujian.Returns);
        Assert.Equal("closed-loop", zhujian.ProcessKey);
    }

    [Fact]
    public void EqualShareAndTime_ShareARank()
    {
        StepRecord[] steps =
        [
            Step("k1", "a", China8(2025, 3, 3, 9), China8(2025, 3, 3, 10)),
            Step("k1", "b", China8(2025, 3, 3, 10), China8(2025, 3, 3, 11)),
            Step("k2", "c", China8(2025, 3, 3, 9), China8(2025, 3, 3, 9, 30)),
        ];

        var report = _analysis.Analyse(steps, OverdueK1, new BottleneckQuery());

        Assert.Equal([1, 1, 3], report.Steps.Select(s => s.Rank));
    }

    [Fact]
    public void OpenSteps_CountUpToAsOf_OrNotAtAll()
    {
        StepRecord[] steps = [Step("k2", "handle", China8(2025, 3, 3, 9), completed: null, claimed: China8(2025, 3, 3, 10))];

        var without = _analysis.Analyse(steps, OverdueK1, new BottleneckQuery());
        var asOf = _analysis.Analyse(steps, OverdueK1, new BottleneckQuery(AsOf: China8(2025, 3, 3, 11)));

        Assert.Empty(without.Steps);
        var open = Assert.Single(asOf.Steps);
        Assert.Equal(Hours(1), open.Waiting);
        Assert.Equal(Hours(1), open.Working);
    }

    [Fact]
    public void TheQuery_FiltersByProcessAndOpeningInstant()
    {
        var report = _analysis.Analyse(History, OverdueK1, new BottleneckQuery(From: China8(2025, 3, 3, 11), To: China8(2025, 3, 4, 13, 30)));

        Assert.Equal(["handle"], report.Steps.Select(s => s.StepId!).Distinct());
        Assert.Equal(2, Assert.Single(report.Steps).Executions);
    }

    [Fact]
    public async Task AnalyseAsync_StreamsTheSameReport()
    {
        var query = new BottleneckQuery("closed-loop");

        var streamed = await _analysis.AnalyseAsync(History.ToAsyncEnumerable(), OverdueK1, query, CancellationToken.None);

        Assert.Equal(_analysis.Analyse(History, OverdueK1, query).Steps, streamed.Steps);
    }

    private sealed class ShareComparer : IEqualityComparer<(int, string, double)>
    {
        public bool Equals((int, string, double) x, (int, string, double) y) =>
            x.Item1 == y.Item1 && x.Item2 == y.Item2 && Math.Abs(x.Item3 - y.Item3) < 1e-9;

        public int GetHashCode((int, string, double) obj) => HashCode.Combine(obj.Item1, obj.Item2);
    }
}
