using System.Globalization;
using MudBlazor;
using Tongguan.Cases.Reports;
using Tongguan.Cases.UI.Reports;

namespace Tongguan.Web.Tests.Components.Reports;

public sealed class KpiFormatTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Theory]
    [InlineData(0.875, "ratio", "87.5 %")]
    [InlineData(1.0, "ratio", "100.0 %")]
    [InlineData(0.0, "ratio", "0.0 %")]
    [InlineData(12.34, "workingHours", "12.3 h")]
    public void Value_WritesRatesAsPercentAndTimesInHours(double value, string unit, string expected) =>
        Assert.Equal(expected, KpiFormat.Value(value, unit, ReportsText.English, Invariant));

    [Fact]
    public void Value_IsADash_WhenTheReportHasNoValue()
    {
        Assert.Equal("—", KpiFormat.Value(null, "ratio", ReportsText.English, Invariant));
        Assert.Equal("—", KpiFormat.Value(double.NaN, "workingHours", ReportsText.English, Invariant));
    }

    [Fact]
    public void Value_WritesHoursInChinese_ForTheChineseText() =>
        Assert.Equal("7.0 小时", KpiFormat.Value(7, "workingHours", ReportsText.Chinese, Invariant));

    [Theory]
    [InlineData(0.05, "ratio", "+5.0 pp")]
    [InlineData(-0.125, "ratio", "−12.5 pp")]
    [InlineData(0.0, "ratio", "±0.0 pp")]
    [InlineData(-3.0, "workingHours", "−3.0 h")]
    public void Change_IsSigned_InPercentagePointsForRates(double change, string unit, string expected) =>
        Assert.Equal(expected, KpiFormat.Change(change, unit, ReportsText.English, Invariant));

    [Theory]
    [InlineData(0.95, true, Color.Success)]
    [InlineData(0.8, true, Color.Warning)]
    [InlineData(0.5, true, Color.Error)]
    [InlineData(0.05, false, Color.Success)]
    [InlineData(0.25, false, Color.Warning)]
    [InlineData(0.6, false, Color.Error)]
    public void Tone_ScalesFromTheGoodEnd_OfEachRate(double value, bool higherIsBetter, Color expected) =>
        Assert.Equal(expected, KpiFormat.Tone(value, "ratio", higherIsBetter));

    [Fact]
    public void Tone_IsNeutral_ForTimesAndMissingValues()
    {
        Assert.Equal(Color.Default, KpiFormat.Tone(40, "workingHours", higherIsBetter: false));
        Assert.Equal(Color.Default, KpiFormat.Tone(null, "ratio", higherIsBetter: true));
    }

    [Fact]
    public void Group_JoinsTheGivenDimensions_AndNamesTheUnknownAndTheWholeCity()
    {
        Assert.Equal("D01-chengguan · S0102", KpiFormat.Group(ReportsText.English, "D01-chengguan", null, null, "S0102", null));
        Assert.Equal("（未知）", KpiFormat.Group(ReportsText.Chinese, null, "(unknown)", null, null, null));
        Assert.Equal("Whole city", KpiFormat.Group(ReportsText.English, null, null, null, null, null));
    }

    [Fact]
    public void Query_LeavesOutEmptyValues_AndTheDefaultPeriod()
    {
        var query = new ReportQuery("department", "all", " 2025-01-01 ", null);

        Assert.Equal("?by=department&from=2025-01-01&kpi=resolutionRate", query.ToQueryString(("kpi", "resolutionRate"), ("process", "")));
        Assert.Equal("", new ReportQuery("", "all", null, null).ToQueryString());
        Assert.Equal(
            new Dictionary<string, string?> { ["period"] = "month", ["format"] = "xlsx" },
            new ReportQuery("", "month", null, "").ToJobParameters("xlsx", null));
    }

    [Fact]
    public void TrendChart_DrawsTheBusiestGroups_WithGapsWhereAGroupHadNoValue()
    {
        var rows = new List<TrendRow>();
        for (var g = 0; g < ReportCharts.MaxTrendLines + 2; g++)
        {
            rows.Add(new TrendRow($"U{g:00}", null, null, null, null, "2025-01", "resolutionRate", 0.5, 5, 10 + g, null));
        }

        rows.Add(new TrendRow("U09", null, null, null, null, "2025-02", "resolutionRate", 0.75, 3, 4, 0.25));
        var option = ReportCharts.Trend(rows, "ratio", ReportsText.English);
        var json = System.Text.Json.JsonSerializer.Serialize(option);
        using var document = System.Text.Json.JsonDocument.Parse(json);

        var series = document.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(ReportCharts.MaxTrendLines, series.Count);
        Assert.Equal("U09", series[0].GetProperty("name").GetString());
        Assert.Equal("[50,75]", series[0].GetProperty("data").GetRawText());
        Assert.Equal("[50,null]", series[1].GetProperty("data").GetRawText());
        Assert.DoesNotContain(series, s => s.GetProperty("name").GetString() is "U00" or "U01");
    }
}
