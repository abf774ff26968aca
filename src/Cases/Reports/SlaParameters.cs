using System.Globalization;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Mining.Kpis;

namespace Tongguan.Cases.Reports;

/// <summary>The output format of a report: JSON (default), CSV for Excel (UTF-8 with BOM) or XLSX.</summary>
public enum ReportFormat
{
    Json,
    Csv,
    Xlsx,
}

/// <summary>
/// The query-string parameters of the SLA reports, checked in one place so every report and every job answers the
/// same validation problems. Dates without a time are midnight in the city's time zone.
/// </summary>
public sealed record SlaParameters(
    KpiDimensions By,
    PeriodKind Period,
    Kpi? Kpi,
    string? Process,
    DateTimeOffset? From,
    DateTimeOffset? To,
    ReportFormat Format,
    long MinimumDenominator)
{
    private static readonly Dictionary<string, KpiDimensions> s_dimensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["department"] = KpiDimensions.OrgUnit,
        ["district"] = KpiDimensions.District,
        ["street"] = KpiDimensions.Street,
        ["category"] = KpiDimensions.Category,
        ["channel"] = KpiDimensions.Channel,
    };

    /// <summary>Reads the parameters; <paramref name="errors"/> keyed by parameter name when any is wrong.</summary>
    public static SlaParameters Parse(
        IReadOnlyDictionary<string, string?> query,
        BusinessCalendar calendar,
        PeriodKind defaultPeriod,
        bool kpiRequired,
        out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(calendar);
        var problems = new Dictionary<string, string[]>();
        errors = problems;
        var by = KpiDimensions.None;
        foreach (var name in (Get("by") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (s_dimensions.TryGetValue(name, out var dimension))
            {
                by |= dimension;
            }
            else
            {
                Add(problems, "by", $"'{name}' is not a dimension; use department, district, street, category or channel, separated by commas.");
            }
        }

        var period = defaultPeriod;
        if (Get("period") is { } periodText
            && !(Enum.TryParse(periodText, ignoreCase: true, out period) && Enum.IsDefined(period) && !int.TryParse(periodText, out _)))
        {
            Add(problems, "period", $"'{periodText}' is not a period; use day, week, month or all.");
            period = defaultPeriod;
        }

        Kpi? kpi = null;
        if (Get("kpi") is { } kpiText)
        {
            if (Enum.TryParse<Kpi>(kpiText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kpiText, out _))
            {
                kpi = parsed;
            }
            else
            {
                Add(problems, "kpi", $"'{kpiText}' is not a KPI; use one of {string.Join(", ", Enum.GetNames<Kpi>().Select(Camel))}.");
            }
        }
        else if (kpiRequired)
        {
            Add(problems, "kpi", $"Name the KPI: one of {string.Join(", ", Enum.GetNames<Kpi>().Select(Camel))}.");
        }

        var process = Get("process");
        if (process is { Length: > 100 })
        {
            Add(problems, "process", "A process key has at most 100 characters.");
        }

        var from = Instant("from");
        var to = Instant("to");
        if (from is { } f && to is { } t && f >= t)
        {
            Add(problems, "to", "'to' must be after 'from'.");
        }

        var format = ReportFormat.Json;
        if (Get("format") is { } formatText
            && !(Enum.TryParse(formatText, ignoreCase: true, out format) && Enum.IsDefined(format) && !int.TryParse(formatText, out _)))
        {
            Add(problems, "format", $"'{formatText}' is not a format; use json, csv or xlsx.");
            format = ReportFormat.Json;
        }

        long minimum = 1;
        if (Get("minimum") is { } minimumText && !(long.TryParse(minimumText, NumberStyles.None, CultureInfo.InvariantCulture, out minimum) && minimum >= 0))
        {
            Add(problems, "minimum", "'minimum' is the smallest denominator a ranked group needs: a whole number of 0 or more.");
            minimum = 1;
        }

        return new SlaParameters(by, period, kpi, process, from, to, format, minimum);

        string? Get(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        DateTimeOffset? Instant(string name)
        {
            if (Get(name) is not { } text)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                var local = date.ToDateTime(TimeOnly.MinValue);
                return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
            {
                return instant;
            }

            Add(problems, name, $"'{text}' is not a date (yyyy-MM-dd, midnight in the city's time zone) or an ISO-8601 instant with an offset.");
            return null;
        }
    }

    /// <summary>The query string of an HTTP request as the parser reads it (first value of each name).</summary>
    public static IReadOnlyDictionary<string, string?> FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.ToDictionary(q => q.Key, q => (string?)q.Value.FirstOrDefault(), StringComparer.OrdinalIgnoreCase);
    }

    public static string Camel(string name) => string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);

    private static void Add(Dictionary<string, string[]> errors, string key, string message) =>
        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
}
