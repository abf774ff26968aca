using System.Collections.Frozen;

namespace Tongguan.Sla.Calendar;

/// <summary>
/// The dated exceptions to the weekly pattern: statutory and local holidays (non-working even on a weekday)
/// and adjusted working days (调休, working even on a weekend). Immutable and thread-safe.
/// </summary>
public sealed class CalendarDays
{
    public static CalendarDays None { get; } = new(new Dictionary<DateOnly, string>(), new Dictionary<DateOnly, string>(), []);

    public CalendarDays(
        IReadOnlyDictionary<DateOnly, string> holidays,
        IReadOnlyDictionary<DateOnly, string> workingDays,
        IEnumerable<int> coveredYears)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(workingDays);
        ArgumentNullException.ThrowIfNull(coveredYears);
        foreach (var date in holidays.Keys.Where(workingDays.ContainsKey).Take(1))
        {
            throw new ArgumentException($"{date:yyyy-MM-dd} is declared both a holiday and a working day.", nameof(workingDays));
        }

        Holidays = holidays.ToFrozenDictionary();
        WorkingDays = workingDays.ToFrozenDictionary();
        CoveredYears = coveredYears.Distinct().Order().ToArray();
    }

    /// <summary>Non-working dates with their name (e.g. 春节).</summary>
    public IReadOnlyDictionary<DateOnly, string> Holidays { get; }

    /// <summary>Working dates that fall on a weekend, with their reason (e.g. 春节调休).</summary>
    public IReadOnlyDictionary<DateOnly, string> WorkingDays { get; }

    /// <summary>Years for which an official calendar was loaded; other years follow the weekly pattern only.</summary>
    public IReadOnlyList<int> CoveredYears { get; }
}
