using Tongguan.Sla.Mining;
using Tongguan.Sla.Mining.Kpis;
using static Tongguan.Sla.Tests.Calendars;
using static Tongguan.Sla.Tests.Mining.MiningRecords;

namespace Tongguan.Sla.Tests.Mining;

public sealed class KpiCalculatorTests
{
    private static readonly DateTimeOffset AsOf = China8(2025, 3, 6, 9);

    private readonly KpiCalculator _calculator = new(China);

    // 城管: five cases, 住建: one. Handling times in working hours: c1 3 h, c2 7 h, c4 10 h, c6 2 h.
    private static readonly CaseRecord[] History =
    [
        Case("c1", China8(2025, 3, 3, 9), responded: China8(2025, 3, 3, 9, 30), responseDue: China8(2025, 3, 3, 10),
            closed: China8(2025, 3, 3, 12), resolved: true, satisfaction: Satisfaction.Satisfied),
        Case("c2", China8(2025, 3, 3, 10), responded: China8(2025, 3, 3, 12, 30), responseDue: China8(2025, 3, 3, 11),
            closed: China8(2025, 3, 4, 10), overdue: true, reworks: 1, satisfaction: Satisfaction.Unsatisfied),
        Case("c3", China8(2025, 3, 4, 9), responseDue: China8(2025, 3, 7, 9)),
        Case("c4", China8(2025, 3, 4, 9), responded: China8(2025, 3, 4, 9, 10),
            closed: China8(2025, 3, 5, 12), resolved: true, satisfaction: Satisfaction.BasicallySatisfied),
        Case("c5", China8(2025, 3, 5, 9), responseDue: China8(2025, 3, 5, 10), overdue: true),
        Case("c6", China8(2025, 3, 3, 9), orgUnit: "住建", responded: China8(2025, 3, 3, 9, 5), responseDue: China8(2025, 3, 3, 10),
            closed: China8(2025, 3, 3, 11), resolved: true, satisfaction: Satisfaction.Satisfied),
    ];

    [Fact]
    public void EveryKpi_CountsItsNumeratorAndDenominatorAsDefined()
    {
        var report = _calculator.Calculate(History, new KpiQuery(KpiDimensions.OrgUnit, AsOf: AsOf));

        var chengguan = Assert.Single(report.Rows, r => r.Group.OrgUnit == "城管");
        // Response: c3 is not yet due at AsOf (excluded); c1 and c4 (no limit) on time, c2 late, c5 never.
        AssertRatio(chengguan.Get(Kpi.ResponseRate), 2, 4);
        AssertRatio(chengguan.Get(Kpi.ResolutionRate), 2, 3);
        // Rated: c1 satisfied, c4 basically satisfied, c2 unsatisfied; c3 and c5 unrated.
        AssertRatio(chengguan.Get(Kpi.SatisfactionRate), 2, 3);
        AssertRatio(chengguan.Get(Kpi.OnTimeCompletionRate), 2, 3);
        // Overdue: c2 (closed late) and c5 (open) over all five cases.
        AssertRatio(chengguan.Get(Kpi.OverdueRate), 2, 5);
        AssertRatio(chengguan.Get(Kpi.ReworkRate), 1, 3);
        Assert.Equal(7, chengguan.Get(Kpi.MedianHandlingTime).Value!.Value, 9);
        // p90 of 3, 7, 10 h: rank 1.8 → 7 + 0.8 × 3.
        Assert.Equal(9.4, chengguan.Get(Kpi.P90HandlingTime).Value!.Value, 9);
        Assert.Null(chengguan.Get(Kpi.P90HandlingTime).Numerator);
        Assert.Equal(3, chengguan.Get(Kpi.P90HandlingTime).Denominator);

        var zhujian = Assert.Single(report.Rows, r => r.Group.OrgUnit == "住建");
        AssertRatio(zhujian.Get(Kpi.OverdueRate), 0, 1);
        Assert.Equal(2, zhujian.Get(Kpi.MedianHandlingTime).Value!.Value, 9);
    }

    [Fact]
    public void ResponseRate_CountsUnansweredCasesAsMissed_WhenNoAsOfIsGiven()
    {
        var report = _calculator.Calculate(History.Where(c => c.OrgUnit == "城管"), new KpiQuery());

        AssertRatio(Assert.Single(report.Rows).Get(Kpi.ResponseRate), 2, 5);
    }

    [Fact]
    public void Values_CarryTheirDefinition_InEnglishAndChinese()
    {
        var report = _calculator.Calculate(History, new KpiQuery());

        var value = Assert.Single(report.Rows).Get(Kpi.SatisfactionRate);
        Assert.Same(KpiDefinitions.Of(Kpi.SatisfactionRate), value.Definition);
        Assert.Equal("满意率", value.Definition.NameZh);
        Assert.Contains("basically satisfied", value.Definition.DefinitionEn, StringComparison.Ordinal);
        Assert.Contains("基本满意", value.Definition.DefinitionZh, StringComparison.Ordinal);
        Assert.All(KpiDefinitions.All, d => Assert.Equal(d, KpiDefinitions.Of(d.Kpi)));
    }

    [Fact]
    public void Ratios_AreNull_WhenNothingIsCounted()
    {
        var report = _calculator.Calculate([Case("open", China8(2025, 3, 3, 9))], new KpiQuery());

        var row = Assert.Single(report.Rows);
        AssertRatio(row.Get(Kpi.OverdueRate), 0, 1);
        Assert.Null(row.Get(Kpi.ResolutionRate).Value);
        Assert.Equal(0, row.Get(Kpi.ResolutionRate).Denominator);
        Assert.Null(row.Get(Kpi.MedianHandlingTime).Value);
    }

    [Fact]
    public void HandlingTime_LeavesOutSuspensions()
    {
        var suspended = Case("s", China8(2025, 3, 3, 9), closed: China8(2025, 3, 3, 17, 30),
            pauses: [new PauseInterval(China8(2025, 3, 3, 14), China8(2025, 3, 3, 16))]);

        var report = _calculator.Calculate([suspended], new KpiQuery());

        Assert.Equal(5, Assert.Single(report.Rows).Get(Kpi.MedianHandlingTime).Value!.Value, 9);
    }

    [Fact]
    public void Periods_AreLocalDatesOfTheCitysTimeZone()
    {
        // 01:00 in Shanghai on Tuesday is still Monday in UTC.
        var lateNight = Case("n", new DateTimeOffset(2025, 3, 3, 17, 0, 0, TimeSpan.Zero));

        var report = _calculator.Calculate([lateNight], new KpiQuery(Period: PeriodKind.Day));

        var row = Assert.Single(report.Rows);
        Assert.Equal(new DateOnly(2025, 3, 4), row.Period.Start);
        Assert.Equal("2025-03-04", row.Period.ToString());
    }

    [Theory]
    [InlineData(PeriodKind.Day, "2025-03-05", "2025-03-05", "2025-03-06")]
    [InlineData(PeriodKind.Week, "2025-03-03", "2025-W10", "2025-03-10")]
    [InlineData(PeriodKind.Month, "2025-03-01", "2025-03", "2025-04-01")]
    public void Periods_StartOnTheirFirstDay(PeriodKind kind, string start, string label, string end)
    {
        var period = ReportPeriod.Containing(new DateOnly(2025, 3, 5), kind);

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
        Assert.Equal(label, period.ToString());
    }

    [Fact]
    public void Groups_CombineDimensions_AndFileUnknownDistrictsTogether()
    {
        CaseRecord[] cases =
        [
            Case("a", China8(2025, 3, 3, 9), district: null, channel: "CitizenApp"),
            Case("b", China8(2025, 3, 3, 9), district: null, channel: "CitizenApp", overdue: true),
            Case("c", China8(2025, 3, 3, 9), district: "静安区", channel: "CitizenApp"),
            Case("d", China8(2025, 3, 3, 9), district: "静安区", channel: "Hotline12345"),
        ];

        var report = _calculator.Calculate(cases, new KpiQuery(KpiDimensions.District | KpiDimensions.Channel));

        Assert.Equal(3, report.Rows.Count);
        var unknown = Assert.Single(report.Rows, r => r.Group.District == KpiGroup.Unknown);
        Assert.Equal("CitizenApp", unknown.Group.Channel);
        Assert.Null(unknown.Group.OrgUnit);
        AssertRatio(unknown.Get(Kpi.OverdueRate), 1, 2);
        Assert.Equal("district=(unknown) / channel=CitizenApp", unknown.Group.ToString());
    }

    [Fact]
    public void FromAndTo_BoundTheReportInstantHalfOpen()
    {
        var report = _calculator.Calculate(
            History,
            new KpiQuery(From: China8(2025, 3, 4, 9), To: China8(2025, 3, 5, 9)));

        AssertRatio(Assert.Single(report.Rows).Get(Kpi.OverdueRate), 0, 2);
    }

    [Fact]
    public void Rankings_GoBestToWorst_AndShareRanksOnTies()
    {
        CaseRecord[] cases =
        [
            .. History,
            Case("w1", China8(2025, 3, 3, 9), orgUnit: "环保", closed: China8(2025, 3, 3, 10), resolved: true),
        ];
        var report = _calculator.Calculate(cases, new KpiQuery(KpiDimensions.OrgUnit));

        var ranking = Assert.Single(report.Rankings(Kpi.ResolutionRate));

        Assert.Equal([(1, "住建"), (1, "环保"), (3, "城管")], ranking.Entries.Select(e => (e.Rank, e.Group.OrgUnit!)));
        var overdue = Assert.Single(report.Rankings(Kpi.OverdueRate));
        Assert.Equal("城管", overdue.Entries[^1].Group.OrgUnit);
        Assert.Equal(3, overdue.Entries[^1].Rank);
    }

    [Fact]
    public void Rankings_LeaveOutGroupsBelowTheMinimumDenominator()
    {
        var report = _calculator.Calculate(History, new KpiQuery(KpiDimensions.OrgUnit));

        var ranking = Assert.Single(report.Rankings(Kpi.ResolutionRate, minimumDenominator: 2));

        Assert.Equal("城管", Assert.Single(ranking.Entries).Group.OrgUnit);
        Assert.Equal("住建", Assert.Single(ranking.Unranked).OrgUnit);
    }

    [Fact]
    public void Trends_GiveTheChangeAgainstThePeriodJustBefore()
    {
        // Overdue per day: Mar 3 1 of 3, Mar 4 0 of 2, Mar 5 1 of 1; Mar 7 has one case and Mar 6 none.
        CaseRecord[] cases = [.. History, Case("late", China8(2025, 3, 7, 9), overdue: true)];

        var report = _calculator.Calculate(cases, new KpiQuery(Period: PeriodKind.Day));

        var trend = Assert.Single(report.Trends(Kpi.OverdueRate));
        Assert.Equal(
            [new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 4), new DateOnly(2025, 3, 5), new DateOnly(2025, 3, 7)],
            trend.Points.Select(p => p.Period.Start));
        Assert.Null(trend.Points[0].Change);
        Assert.Equal(-1.0 / 3, trend.Points[1].Change!.Value, 9);
        Assert.Equal(1.0, trend.Points[2].Change!.Value, 9);
        Assert.Null(trend.Points[3].Change);
        Assert.Equal(4, report.Rankings(Kpi.OverdueRate).Count);
    }

    [Fact]
    public async Task CalculateAsync_StreamsTheSameReport()
    {
        var query = new KpiQuery(KpiDimensions.OrgUnit, PeriodKind.Week, AsOf);

        var streamed = await _calculator.CalculateAsync(History.ToAsyncEnumerable(), query, CancellationToken.None);

        var expected = _calculator.Calculate(History, query);
        Assert.Equal(
            expected.Rows.SelectMany(r => r.Values).Select(v => (v.Kpi, v.Value, v.Numerator, v.Denominator)),
            streamed.Rows.SelectMany(r => r.Values).Select(v => (v.Kpi, v.Value, v.Numerator, v.Denominator)));
    }

    private static void AssertRatio(KpiValue value, long numerator, long denominator)
    {
        Assert.Equal(numerator, value.Numerator);
        Assert.Equal(denominator, value.Denominator);
        Assert.Equal((double)numerator / denominator, value.Value!.Value, 12);
    }
}
