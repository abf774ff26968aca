using System.Globalization;
using MudBlazor;

namespace Tongguan.Cases.UI.Reports;

/// <summary>
/// How the report pages write a KPI value (docs/auditors/kpis.md): rates as percentages, times in working hours, and
/// "—" for a value the report does not have (a zero denominator is no value, not 0 %).
/// </summary>
public static class KpiFormat
{
    public const string Ratio = "ratio";

    public const string NoValue = "—";

    public static string Value(double? value, string unit, ReportsText text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (value is not { } v || double.IsNaN(v))
        {
            return NoValue;
        }

        return unit == Ratio
            ? (v * 100).ToString("0.0", culture) + " %"
            : v.ToString("0.0", culture) + " " + text.Hours;
    }

    /// <summary>A change against the period before: percentage points for rates, hours for times, always signed.</summary>
    public static string Change(double? change, string unit, ReportsText text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (change is not { } c || double.IsNaN(c))
        {
            return NoValue;
        }

        var amount = unit == Ratio ? c * 100 : c;
        var sign = amount > 0 ? "+" : amount < 0 ? "−" : "±";
        return sign + Math.Abs(amount).ToString("0.0", culture) + (unit == Ratio ? " pp" : " " + text.Hours);
    }

    /// <summary>
    /// A rate's colour on the dashboard, by how close it is to the good end: within 10 points green, within 30 amber,
    /// else red. Times and missing values stay neutral (no target to compare them with).
    /// </summary>
    public static Color Tone(double? value, string unit, bool? higherIsBetter)
    {
        if (value is not { } v || unit != Ratio || higherIsBetter is not { } higher)
        {
            return Color.Default;
        }

        var goodness = higher ? v : 1 - v;
        return goodness >= 0.9 ? Color.Success : goodness >= 0.7 ? Color.Warning : Color.Error;
    }

    /// <summary>The group a row belongs to, written from its dimensions; the whole city when it has none.</summary>
    public static string Group(ReportsText text, params string?[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        var named = dimensions.Where(d => d is not null).ToList();
        return named.Count == 0 ? text.Overall : string.Join(" · ", named.Select(d => d == "(unknown)" ? text.Unknown : d));
    }
}
