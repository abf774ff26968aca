using Tongguan.Cases.Reports;

namespace Tongguan.Cases.UI.Reports;

/// <summary>The ECharts options of the report pages, built from the API's rows (the browser only draws).</summary>
public static class ReportCharts
{
    /// <summary>At most this many groups get a line of their own: a chart of forty lines shows nothing.</summary>
    public const int MaxTrendLines = 8;

    /// <summary>One line per group over the periods; rates in percent. The groups with the most cases are drawn.</summary>
    public static object Trend(IReadOnlyList<TrendRow> rows, string unit, ReportsText text)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var periods = rows.Select(r => r.Period).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var groups = rows
            .GroupBy(r => KpiFormat.Group(text, r.Department, r.District, r.Street, r.Category, r.Channel), StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(r => r.Denominator))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxTrendLines)
            .ToList();
        var series = groups.Select(g =>
        {
            var byPeriod = g.ToDictionary(r => r.Period, StringComparer.Ordinal);
            return new
            {
                name = g.Key,
                type = "line",
                connectNulls = false,
                data = periods.Select(p => byPeriod.TryGetValue(p, out var r) && r.Value is { } v ? (double?)Math.Round(unit == KpiFormat.Ratio ? v * 100 : v, 2) : null).ToList(),
            };
        }).ToList();
        return new
        {
            tooltip = new { trigger = "axis" },
            legend = new { type = "scroll", bottom = 0 },
            grid = new { left = 50, right = 20, top = 20, bottom = 50 },
            xAxis = new { type = "category", data = periods },
            yAxis = new { type = "value", name = unit == KpiFormat.Ratio ? "%" : text.Hours },
            series,
        };
    }

    /// <summary>Waiting against working hours per step (or unit), stacked, slowest first.</summary>
    public static object Bottlenecks(IReadOnlyList<BottleneckRow> rows, ReportsText text)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(text);
        var shown = rows.OrderByDescending(r => r.WaitingHours + r.WorkingHours).Take(15).ToList();
        var labels = shown.Select(r => r.List == "step" ? $"{r.Process}/{r.Step}" : r.OrgUnit ?? text.Unknown).ToList();
        return new
        {
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            legend = new { bottom = 0 },
            grid = new { left = 160, right = 20, top = 10, bottom = 40 },
            xAxis = new { type = "value", name = text.Hours },
            yAxis = new { type = "category", data = labels, inverse = true },
            series = new object[]
            {
                new { name = text.Waiting, type = "bar", stack = "time", data = shown.Select(r => Math.Round(r.WaitingHours, 1)).ToList() },
                new { name = text.Working, type = "bar", stack = "time", data = shown.Select(r => Math.Round(r.WorkingHours, 1)).ToList() },
            },
        };
    }
}
