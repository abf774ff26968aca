using System.Globalization;

namespace Tongguan.Sla.Mining.Kpis;

public enum PeriodKind
{
    /// <summary>No split: one period covering everything.</summary>
    All,
    Day,

    /// <summary>ISO weeks, Monday to Sunday.</summary>
    Week,
    Month,
}

/// <summary>A reporting period of local dates in the city's time zone, half-open: <c>[Start, End)</c>.</summary>
public readonly record struct ReportPeriod(PeriodKind Kind, DateOnly Start)
{
    public static readonly ReportPeriod Everything = new(PeriodKind.All, DateOnly.MinValue);

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    public static ReportPeriod Containing(DateOnly date, PeriodKind kind) => kind switch
    {
        PeriodKind.All => Everything,
        PeriodKind.Day => new(kind, date),
        PeriodKind.Week => new(kind, date.AddDays(-(((int)date.DayOfWeek + 6) % 7))),
        PeriodKind.Month => new(kind, new DateOnly(date.Year, date.Month, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown period kind."),
    };

    /// <summary>The first date after the period; <see cref="DateOnly.MaxValue"/> for <see cref="PeriodKind.All"/>.</summary>
    public DateOnly End => Kind switch
    {
        PeriodKind.Day => Start.AddDays(1),
        PeriodKind.Week => Start.AddDays(7),
        PeriodKind.Month => Start.AddMonths(1),
        _ => DateOnly.MaxValue,
    };

    /// <summary>The period just before this one; null for <see cref="PeriodKind.All"/>.</summary>
    public ReportPeriod? Previous => Kind switch
    {
        PeriodKind.Day => new ReportPeriod(Kind, Start.AddDays(-1)),
        PeriodKind.Week => new ReportPeriod(Kind, Start.AddDays(-7)),
        PeriodKind.Month => new ReportPeriod(Kind, Start.AddMonths(-1)),
        _ => null,
    };

    /// <summary><c>2025-03-04</c>, <c>2025-W10</c>, <c>2025-03</c> or <c>all</c>.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodKind.Week => string.Create(
            CultureInfo.InvariantCulture,
            $"{ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):00}"),
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => "all",
    };
}
