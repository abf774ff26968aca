namespace Tongguan.Cases.UI.Reports;

/// <summary>The report filter the page holds: grouping, period and the half-open date range, as the API's query string.</summary>
public sealed record ReportQuery(string By, string Period, string? From, string? To)
{
    public static readonly IReadOnlyList<string> Dimensions = ["department", "district", "street", "category", "channel"];

    public static readonly IReadOnlyList<string> Periods = ["all", "day", "week", "month"];

    public static readonly IReadOnlyList<string> Kpis =
        ["responseRate", "resolutionRate", "satisfactionRate", "onTimeCompletionRate", "overdueRate", "reworkRate", "medianHandlingTime", "p90HandlingTime"];

    /// <summary>The query string (with a leading '?') for this filter plus <paramref name="extra"/>; empty values are left out.</summary>
    public string ToQueryString(params (string Name, string? Value)[] extra)
    {
        var parts = new List<(string Name, string? Value)>
        {
            ("by", By),
            ("period", Period == "all" ? null : Period),
            ("from", From),
            ("to", To),
        };
        parts.AddRange(extra);
        var given = parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }

    /// <summary>The same filter as a background job's parameters.</summary>
    public Dictionary<string, string?> ToJobParameters(string? format, string? process)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Put(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parameters[name] = value.Trim();
            }
        }

        Put("by", By);
        Put("period", Period == "all" ? null : Period);
        Put("from", From);
        Put("to", To);
        Put("format", format);
        Put("process", process);
        return parameters;
    }
}
